package dev.xsight.qc.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.media.Colorimetry;
import dev.xsight.media.Frame;
import dev.xsight.media.FrameRate;
import dev.xsight.media.PixelFormat;
import dev.xsight.qc.QcEvent;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/** Raw 10-bit 4:2:2 clips made by FFmpeg for the QC tests, and a check fed with one. */
final class Clips {
    private Clips() {
    }

    /** Runs FFmpeg (or any command) to its end; fails the test on a non-zero exit; returns its output. */
    static String run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "ffmpeg did not finish: " + cmd);
        assertEquals(0, p.exitValue(), () -> String.join(" ", cmd) + "\n" + out);
        return out;
    }

    /** {@code frames} frames of the lavfi {@code source} through {@code filter}, as raw yuv422p10le. */
    static Path make(Path dir, String name, String source, String filter, int frames) throws Exception {
        Path raw = dir.resolve(name + ".yuv");
        run(List.of("ffmpeg", "-hide_banner", "-y", "-f", "lavfi", "-i", source, "-filter_complex",
                filter + ",format=yuv422p10le", "-frames:v", String.valueOf(frames), "-f", "rawvideo",
                raw.toString()));
        return raw;
    }

    /** Feeds every frame of a raw yuv422p10le clip to a check made by {@code make}; returns its events. */
    static List<QcEvent> events(Path raw, int w, int h, int fps, Colorimetry c,
            Function<Consumer<QcEvent>, VideoCheck> make) throws Exception {
        List<QcEvent> found = new ArrayList<>();
        VideoCheck check = make.apply(found::add);
        each(raw, w, h, fps, c, check::accept);
        check.finish();
        return found;
    }

    /** Hands every frame of a raw yuv422p10le clip to {@code each}. */
    static void each(Path raw, int w, int h, int fps, Colorimetry c, Consumer<Frame> each) throws Exception {
        Frame f = Frame.allocate(PixelFormat.YUV422P10, w, h).colorimetry(c).frameRate(new FrameRate(fps, 1));
        try (InputStream in = new BufferedInputStream(Files.newInputStream(raw))) {
            for (;;) {
                try {
                    f.readRaw(in);
                } catch (EOFException end) {
                    return;
                }
                each.accept(f);
            }
        }
    }
}
