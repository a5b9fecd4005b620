package dev.xsight.qc.video;

import dev.xsight.qc.QcEvent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.TestRequirements;
import dev.xsight.media.Colorimetry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The QC checks against FFmpeg's own detectors on clips FFmpeg makes: both read the same raw 10-bit 4:2:2 file,
 * FFmpeg's intervals (in seconds) are turned into frames, and ours must give the same intervals within 2 frames,
 * and nothing where FFmpeg finds nothing.
 */
class FfmpegAnchorTest {
    private static final int W = 320;
    private static final int H = 180;
    private static final int FPS = 25;
    private static final int FRAMES = 150;

    @TempDir
    static Path dir;

    @BeforeAll
    static void ffmpeg() {
        TestRequirements.requireFfmpeg();
    }

    private record Interval(long first, long last) {
    }

    private static Path clip(String name, String filter) throws Exception {
        return Clips.make(dir, name, "testsrc2=s=" + W + "x" + H + ":r=" + FPS + ":d=" + FRAMES / FPS, filter,
                FRAMES);
    }

    /** FFmpeg's detector on the raw file: start/end pairs in seconds, as frame intervals (end exclusive in FFmpeg). */
    private static List<Interval> ffmpeg(Path raw, String detector, String startKey, String endKey) throws Exception {
        String log = Clips.run(List.of("ffmpeg", "-hide_banner", "-nostats", "-f", "rawvideo", "-pix_fmt", "yuv422p10le",
                "-s", W + "x" + H, "-r", String.valueOf(FPS), "-i", raw.toString(), "-vf", detector, "-f", "null",
                "-"));
        List<Interval> out = new ArrayList<>();
        Matcher m = Pattern.compile(Pattern.quote(startKey) + "[: ]+([0-9.]+)").matcher(log);
        Matcher e = Pattern.compile(Pattern.quote(endKey) + "[: ]+([0-9.]+)").matcher(log);
        while (m.find()) {
            assertTrue(e.find(m.end()), "no end after a start in:\n" + log);
            out.add(new Interval(Math.round(Double.parseDouble(m.group(1)) * FPS),
                    Math.round(Double.parseDouble(e.group(1)) * FPS) - 1));
        }
        return out;
    }

    private static List<Interval> ours(Path raw, java.util.function.Function<Consumer<QcEvent>, VideoCheck> make)
            throws Exception {
        return Clips.events(raw, W, H, FPS, Colorimetry.BT709, make).stream()
                .map(ev -> new Interval(ev.firstFrame(), ev.lastFrame())).toList();
    }

    private static void assertSame(List<Interval> expected, List<Interval> actual) {
        assertEquals(expected.size(), actual.size(), "FFmpeg " + expected + ", ours " + actual);
        for (int i = 0; i < expected.size(); i++) {
            assertTrue(Math.abs(expected.get(i).first() - actual.get(i).first()) <= 2
                    && Math.abs(expected.get(i).last() - actual.get(i).last()) <= 2,
                    "FFmpeg " + expected + ", ours " + actual);
        }
    }

    @Test
    void blackMatchesBlackdetect() throws Exception {
        // Frames 25-64 black (1.6 s: reported), 80-99 black (0.8 s: too short), 110-129 black but for 3 % of the
        // rows (below the picture ratio): FFmpeg and we must both find exactly the first.
        Path raw = clip("black", "drawbox=x=0:y=0:w=iw:h=ih:color=black:t=fill:enable='between(n,25,64)',"
                + "drawbox=x=0:y=0:w=iw:h=ih:color=black:t=fill:enable='between(n,80,99)',"
                + "drawbox=x=0:y=0:w=iw:h=ih*0.97:color=black:t=fill:enable='between(n,110,129)'");
        List<Interval> ff = ffmpeg(raw, "blackdetect=d=1:pix_th=0.10:pic_th=0.98", "black_start", "black_end");
        assertEquals(1, ff.size(), "the clip is as intended for FFmpeg: " + ff);
        assertSame(ff, ours(raw, out -> new BlackDetector(0.10, 0.98, Duration.ofSeconds(1), out)));
    }

    @Test
    void freezeMatchesFreezedetect() throws Exception {
        // Frames 30-90 repeat frame 30 (2.44 s: reported), 110-125 repeat 110 (0.64 s: too short).
        Path raw = clip("freeze", "split=3[a][b][c];[a][b]freezeframes=first=30:last=90:replace=30[d];"
                + "[d][c]freezeframes=first=110:last=125:replace=110");
        List<Interval> ff = ffmpeg(raw, "freezedetect=n=0.001:d=1", "freeze_start", "freeze_end");
        assertEquals(1, ff.size(), "the clip is as intended for FFmpeg: " + ff);
        assertSame(ff, ours(raw, out -> new FreezeDetector(0.001, Duration.ofSeconds(1), out)));
    }

    @Test
    void rangeMatchesSignalstatsBrng() throws Exception {
        // testsrc2 in FFmpeg's own Y'CbCr (a few % of its pixels outside the nominal range) and, on frames 50-99,
        // a band of Y' code 20 over the left tenth: per frame our fraction with the nominal limits is FFmpeg's
        // BRNG, and the frames above a 5 % area make the same single interval.
        Path raw = clip("range", "format=yuv422p10le,geq=lum='if(between(N,50,99)*lt(X,W/10),20,lum(X,Y))'"
                + ":cb='cb(X,Y)':cr='cr(X,Y)'");
        String log = Clips.run(List.of("ffmpeg", "-hide_banner", "-nostats", "-f", "rawvideo", "-pix_fmt",
                "yuv422p10le", "-s", W + "x" + H, "-r", String.valueOf(FPS), "-i", raw.toString(), "-vf",
                "signalstats=stat=brng,metadata=print:key=lavfi.signalstats.BRNG", "-f", "null", "-"));
        List<Double> brng = new ArrayList<>();
        Matcher m = Pattern.compile("lavfi\\.signalstats\\.BRNG=([0-9.e+-]+)").matcher(log);
        while (m.find()) {
            brng.add(Double.parseDouble(m.group(1)));
        }
        assertEquals(FRAMES, brng.size(), log);
        List<Interval> expected = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++) {
            if (brng.get(i) > 0.05 && (i == 0 || brng.get(i - 1) <= 0.05)) {
                int last = i;
                while (last + 1 < FRAMES && brng.get(last + 1) > 0.05) {
                    last++;
                }
                expected.add(new Interval(i, last));
            }
        }
        assertEquals(List.of(new Interval(50, 99)), expected, "the clip is as intended for FFmpeg: " + brng);

        List<Interval> found = new ArrayList<>();
        RangeDetector ours = new RangeDetector(new RangeDetector.Settings(0, 1, -0.5, 0.5, 0.05, Duration.ZERO),
                ev -> found.add(new Interval(ev.firstFrame(), ev.lastFrame())));
        List<Double> fractions = new ArrayList<>();
        Clips.each(raw, W, H, FPS, Colorimetry.BT709, f -> {
            ours.accept(f);
            fractions.add(ours.lastFraction());
        });
        ours.finish();
        for (int i = 0; i < FRAMES; i++) {
            // FFmpeg prints six significant digits.
            assertEquals(brng.get(i), fractions.get(i), 1e-5 + brng.get(i) * 1e-5, "frame " + i);
        }
        assertEquals(expected, found);
    }

    @Test
    void aCleanClipGivesNoEvents() throws Exception {
        Path raw = clip("clean", "null");
        assertEquals(List.of(), ffmpeg(raw, "blackdetect=d=1,freezedetect=n=0.001:d=1", "black_start", "black_end"));
        assertEquals(List.of(), ours(raw, out -> BlackDetector.defaults(out)));
        assertEquals(List.of(), ours(raw, out -> FreezeDetector.defaults(out)));
    }
}
