package dev.xsight.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xsight receive}: headless receive of a source, printing per-frame checksums and statistics. */
@Command(name = "receive", mixinStandardHelpOptions = true,
        description = "Receive and decode a source headless: per-frame MD5 lines and one JSON statistics line.")
final class ReceiveCommand implements Callable<Integer> {
    @Option(names = "--hls", required = true, paramLabel = "URL",
            description = "HLS master or media playlist (http/https URL, or a local .m3u8).")
    String hls;

    @Option(names = "--frames", paramLabel = "N", description = "Stop after N frames (default: until the end or the "
            + "timeout).")
    long frames;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "20s",
            description = "Overall time limit, e.g. 20s, 500ms, 2m (default ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--md5", description = "Print '<index> <timecode> <md5>' per frame (planar Y, Cb, Cr; 16-bit LE "
            + "samples when deeper than 8 bits).")
    boolean md5;

    @Option(names = "--stats-json", paramLabel = "FILE", description = "Also write the statistics JSON here.")
    Path statsJson;

    @Option(names = "--rendition", defaultValue = "auto",
            description = "auto (by throughput), highest, lowest, or a BANDWIDTH to pin (default ${DEFAULT-VALUE}).")
    String rendition;

    @Option(names = "--live-offset", defaultValue = "6s",
            description = "Target offset behind the live edge (default ${DEFAULT-VALUE}).")
    String liveOffset;

    @Option(names = "--tc-offset", defaultValue = "0", paramLabel = "FRAMES",
            description = "Frames added to every timecode (to line up with the grade feed).")
    long tcOffset;

    @Option(names = "--realtime", description = "Present VOD in real time (default: as fast as it decodes).")
    boolean realtime;

    @Option(names = "--repeat", hidden = true, defaultValue = "1",
            description = "Benchmarks: receive N times in one JVM (warm start-up figures); one JSON line each.")
    int repeat;

    @Override
    public Integer call() throws Exception {
        if (frames < 0) {
            throw new IllegalArgumentException("--frames must not be negative");
        }
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat must be at least 1");
        }
        int rc = 0;
        for (int i = 0; i < repeat && rc == 0; i++) {
            rc = HlsReceive.run(new HlsReceive.Options(hls, frames, HlsReceive.parseDuration(timeout), md5, statsJson,
                    rendition, HlsReceive.parseDuration(liveOffset), tcOffset, realtime), System.out, System.err);
        }
        return rc;
    }
}
