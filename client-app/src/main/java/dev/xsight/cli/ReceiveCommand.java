package dev.xsight.cli;

import dev.xsight.media.Frame;
import dev.xsight.media.FrameSource;
import dev.xsight.st2110.receive.St2110Receiver;
import dev.xsight.st2110.receive.St2110Source;
import dev.xsight.st2110.receive.StreamStatistics;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code xsight receive}: receives and decodes a source headlessly: an ST 2110-22 stream described by an SDP (both
 * legs of an a=group:DUP pair), live or replayed from a pcap / pcapng capture ({@code --pcap}), or an HLS playlist.
 */
@Command(name = "receive", mixinStandardHelpOptions = true,
        description = "Receive and decode an ST 2110-22 JPEG XS stream (--sdp) or an HLS feed (--hls) headlessly,"
                + " printing per-frame md5 and a JSON statistics line.")
final class ReceiveCommand implements Callable<Integer> {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = "--sdp", description = "The ST 2110-22 stream's SDP file.")
        Path sdp;

        @Option(names = "--hls", paramLabel = "URL",
                description = "HLS master or media playlist (http/https URL, or a local .m3u8).")
        String hls;
    }

    @Option(names = "--pcap", paramLabel = "CAPTURE",
            description = "With --sdp: replay the stream from this pcap / pcapng capture instead of the network (the"
                    + " capture's packet times are the clock; every frame decoded; ends with the capture).")
    Path pcap;

    @Option(names = "--frames", description = "Stop after this many decoded frames.")
    Long frames;

    @Option(names = "--timeout",
            description = "Stop after this long, e.g. 10s, 500ms, 2m (default 10s for --sdp, 20s for --hls, none for"
                    + " --pcap).")
    String timeout;

    @Option(names = "--md5", description = "Print '<index> <timecode> <md5>' per decoded frame.")
    boolean md5;

    @Option(names = "--out", description = "Write each decoded frame as raw planar data into this folder.")
    Path out;

    @Option(names = "--stats-json", description = "Also write the final statistics JSON to this file.")
    Path statsJson;

    @Option(names = "--tz", defaultValue = "0", description = "Time zone offset for the timecode, e.g. +01:00.")
    String tz;

    @Mixin
    NetworkChoice network;

    @Mixin
    HlsChoice hls;

    @Option(names = "--repeat", hidden = true, defaultValue = "1",
            description = "Benchmarks: receive N times in one JVM (warm start-up figures); one JSON line each.")
    int repeat;

    private volatile boolean stopped;

    @Override
    public Integer call() throws Exception {
        if (input.hls != null) {
            if (pcap != null) {
                throw new IllegalArgumentException("--pcap replays an ST 2110 capture: use it with --sdp");
            }
            return receiveHls();
        }
        return receiveSdp(input.sdp);
    }

    private int receiveHls() throws Exception {
        if (frames != null && frames < 0) {
            throw new IllegalArgumentException("--frames must not be negative");
        }
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat must be at least 1");
        }
        long limit = frames == null ? 0 : frames;
        String t = timeout == null ? "20s" : timeout;
        int rc = 0;
        for (int i = 0; i < repeat && rc == 0; i++) {
            rc = HlsReceive.run(hls.options(input.hls, limit, DurationArg.positive("--timeout", t), md5, statsJson),
                    System.out, System.err);
        }
        return rc;
    }

    private int receiveSdp(Path sdp) throws Exception {
        boolean replay = pcap != null;
        if (timeout == null && !replay) {
            timeout = "10s";
        }
        long timeoutMillis = timeout == null ? Long.MAX_VALUE : DurationArg.positive("--timeout", timeout).toMillis();
        int zone = parseZone(tz);
        if (frames != null && frames <= 0) {
            throw new IllegalArgumentException("--frames must be positive");
        }
        if (out != null) {
            Files.createDirectories(out);
        }
        St2110Receiver.Options opts = network.receiverOptions();
        PrintStream stdout = System.out;
        AtomicLong index = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        long limit = frames == null ? Long.MAX_VALUE : frames;
        StreamStatistics st;
        Throwable captureError = null;
        String captureJson = null;
        try (St2110Source source = replay ? St2110Source.replay(sdp, pcap, opts, zone)
                : St2110Source.open(sdp, opts, zone)) {
            source.start(new FrameSource.FrameListener() {
                @Override
                public void onFrame(Frame f) {
                    try {
                        long i = index.get();
                        if (i >= limit || stopped) {
                            return;
                        }
                        if (md5) {
                            stdout.println(i + " " + f.timecode() + " " + f.md5Hex());
                        }
                        if (out != null) {
                            write(f, i);
                        }
                        if (index.incrementAndGet() >= limit) {
                            done.countDown();
                        }
                    } finally {
                        f.release();
                    }
                }
            });
            // A replay ends with its capture (every frame delivered by then); a live stream at the frame count or the
            // timeout.
            source.ended().whenComplete((v, e) -> done.countDown());
            if (timeoutMillis == Long.MAX_VALUE) {
                done.await();
            } else {
                done.await(timeoutMillis, TimeUnit.MILLISECONDS);
            }
            stopped = true; // no md5 line may follow the statistics line
            st = source.statistics();
            if (source.ended().isCompletedExceptionally()) {
                captureError = source.ended().exceptionNow();
            }
            if (replay) {
                captureJson = source.replayCounts().toJson();
            }
        }
        String json = st.toJson();
        if (captureJson != null) {
            json = json.substring(0, json.length() - 1) + ",\"capture\":" + captureJson + "}";
        }
        stdout.println(json);
        stdout.flush();
        if (statsJson != null) {
            Files.writeString(statsJson, json + "\n");
        }
        if (captureError != null) {
            System.err.println("xsight receive: " + pcap + ": " + captureError.getMessage());
            return 1;
        }
        if (frames != null && index.get() < frames) {
            System.err.println("xsight receive: decoded " + index.get() + " of " + frames + " frames before "
                    + (replay && timeout == null ? "the capture ended" : "the " + timeout + " timeout"));
            return 1;
        }
        return 0;
    }

    private void write(Frame f, long i) {
        Path file = out.resolve(String.format(Locale.ROOT, "frame-%06d.%s.yuv", i, f.format().ffmpegName()));
        try (OutputStream o = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            f.writeRaw(o);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    /** {@code +01:00}, {@code -5}, {@code 0} -> seconds. */
    static int parseZone(String s) {
        try {
            return java.time.ZoneOffset.of(s.matches("[+-]?\\d{1,2}") ? (s.startsWith("-") || s.startsWith("+")
                    ? s : "+" + s) : s).getTotalSeconds();
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("--tz must be an offset like +01:00 or -5, got '" + s + "'");
        }
    }

    /** How ST 2110-22 packets are received: transport, multicast interface, ST 2022-7 merge window. */
    static final class NetworkChoice {
        @Option(names = "--interface", description = "Network interface for multicast joins (default: the first"
                + " multicast-capable one that is up).")
        String iface;

        @Option(names = "--merge-window", paramLabel = "DURATION", defaultValue = "50ms",
                description = "ST 2022-7 (two legs): the largest skew between the legs that is repaired, e.g. 10ms (low"
                        + " skew), 50ms (moderate, the default), 150ms; a packet missing on one leg waits this long for"
                        + " the other leg's copy.")
        String mergeWindow;

        @Option(names = "--nio", description = "Use the NIO transport even where epoll is available.")
        boolean nio;

        /** The receiver's options, four picture buffers; a bad window or an unknown interface is refused. */
        St2110Receiver.Options receiverOptions() throws java.net.SocketException {
            java.time.Duration merge = DurationArg.positive("--merge-window", mergeWindow);
            if (merge.toMillis() < 1 || merge.toMillis() > 10_000) {
                throw new IllegalArgumentException("--merge-window must be from 1ms to 10s");
            }
            St2110Receiver.Options opts = St2110Receiver.Options.defaults().withEpoll(!nio).withPictureBuffers(4)
                    .withMergeWindow(merge);
            if (iface != null) {
                java.net.NetworkInterface ni = java.net.NetworkInterface.getByName(iface);
                if (ni == null) {
                    throw new IllegalArgumentException("--interface " + iface + " does not exist");
                }
                opts = opts.withInterface(ni);
            }
            return opts;
        }
    }

    /** How an HLS playlist is played: rendition, live offset, timecode offset, audio language, pacing. */
    static final class HlsChoice {
        @Option(names = "--rendition", defaultValue = "auto",
                description = "HLS: auto (by throughput), highest, lowest, or a BANDWIDTH to pin (default ${DEFAULT-VALUE}).")
        String rendition;

        @Option(names = "--live-offset", defaultValue = "6s",
                description = "HLS: target offset behind the live edge (default ${DEFAULT-VALUE}).")
        String liveOffset;

        @Option(names = "--tc-offset", defaultValue = "0", paramLabel = "FRAMES",
                description = "HLS: frames added to every timecode (to line up with the grade feed).")
        long tcOffset;

        @Option(names = "--audio-language", paramLabel = "TAG",
                description = "HLS: preferred LANGUAGE of the audio rendition, e.g. en, eng, fr (default: the playlist's"
                        + " DEFAULT=YES rendition).")
        String audioLanguage;

        @Option(names = "--realtime", description = "HLS: present VOD in real time (default: as fast as it decodes).")
        boolean realtime;

        HlsReceive.Options options(String url, long frames, java.time.Duration timeout, boolean md5, Path statsJson) {
            return new HlsReceive.Options(url, frames, timeout, md5, statsJson, rendition,
                    DurationArg.nonNegative("--live-offset", liveOffset), tcOffset, realtime, audioLanguage);
        }
    }
}
