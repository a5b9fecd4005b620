package dev.xsight.qc;

import dev.xsight.hls.PictureConverter;
import dev.xsight.media.Frame;
import dev.xsight.media.FrameRate;
import dev.xsight.media.Timecode;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Reads a media file with FFmpeg (JavaCV's grabber, pictures in their native format copied into pooled frames by
 * {@code hls.PictureConverter}, audio as 16-bit samples) and hands every frame and audio block to a {@link QcWorker}
 * as fast as it decodes. Each frame carries the file's rate and its timecode: the start timecode of the file's
 * timecode track or tag (FFmpeg's {@code timecode}) plus the frame's place in time, else counted from 00:00:00:00
 * at the first frame.
 *
 * <p>Threading: runs on the calling thread; one file per instance.
 */
public final class MediaFileReader {
    private final Path file;
    private final PictureConverter converter = new PictureConverter();
    private short[] interleaved = new short[0];
    private FrameRate rate;
    private Timecode start;
    private long frames;

    static {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    public MediaFileReader(Path file) {
        this.file = file;
    }

    /**
     * Decodes the whole file into the worker {@code onRate} makes once the file's rate is known (before the first
     * frame).
     *
     * @throws QcInputException when the file cannot be opened or decoded (one line naming it)
     */
    public void run(Function<FrameRate, QcWorker> onRate) {
        if (!Files.isRegularFile(file)) {
            throw new QcInputException(file.toString(), "no such file");
        }
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile());
        g.setImageMode(FrameGrabber.ImageMode.RAW);
        g.setSampleMode(FrameGrabber.SampleMode.SHORT);
        try {
            try {
                g.start();
            } catch (FrameGrabber.Exception | RuntimeException e) {
                throw new QcInputException(file.toString(), "not a media file FFmpeg can open ("
                        + firstLine(e) + ")");
            }
            if (g.getVideoCodec() == 0 && g.getAudioCodec() == 0) {
                throw new QcInputException(file.toString(), "no video or audio stream");
            }
            rate = frameRate(g.getFrameRate());
            start = startTimecode(g, rate);
            QcWorker worker = onRate.apply(rate);
            long pts0 = Long.MIN_VALUE;
            long base = start.toFrameCount(rate);
            org.bytedeco.javacv.Frame f;
            while ((f = g.grab()) != null) {
                if (f.samples != null) {
                    audio(worker, f);
                    continue;
                }
                if (f.image == null || !(f.opaque instanceof AVFrame picture)) {
                    continue;
                }
                if (pts0 == Long.MIN_VALUE) {
                    pts0 = f.timestamp;
                }
                long index = Math.round((f.timestamp - pts0) * rate.toDouble() / 1e6);
                Frame frame = converter.convert(picture);
                frame.ptsNanos(f.timestamp * 1000).frameRate(rate).sequence(frames++)
                        .timecode(Timecode.fromFrameCount(base + index, rate, start.dropFrame()));
                worker.offer(frame);
                frame.release();
            }
        } catch (FrameGrabber.Exception e) {
            throw new QcInputException(file.toString(), "decoding failed after " + frames + " frames ("
                    + firstLine(e) + ")");
        } finally {
            try {
                g.stop();
                g.release();
            } catch (FrameGrabber.Exception e) {
                // closing a grabber that failed to start: nothing more to report
            }
        }
    }

    /** The file's rate (after {@link #run} has opened it). */
    public FrameRate rate() {
        return rate;
    }

    /** The timecode of the first frame. */
    public Timecode startTimecode() {
        return start;
    }

    /** Frames decoded. */
    public long frames() {
        return frames;
    }

    private void audio(QcWorker worker, org.bytedeco.javacv.Frame f) {
        int ch = f.audioChannels;
        if (ch <= 0 || !(f.samples[0] instanceof ShortBuffer)) {
            return;
        }
        int n;
        if (f.samples.length == 1) {
            ShortBuffer sb = (ShortBuffer) f.samples[0];
            n = sb.remaining() / ch;
            grow(n * ch);
            sb.duplicate().get(interleaved, 0, n * ch);
        } else {
            n = f.samples[0].remaining();
            grow(n * ch);
            for (int c = 0; c < ch && c < f.samples.length; c++) {
                ShortBuffer sb = ((ShortBuffer) f.samples[c]).duplicate();
                for (int i = 0; i < n; i++) {
                    interleaved[i * ch + c] = sb.get();
                }
            }
        }
        worker.offerAudio(interleaved, n, ch, f.sampleRate, f.timestamp * 1000);
    }

    private void grow(int n) {
        if (interleaved.length < n) {
            interleaved = new short[n];
        }
    }

    private Timecode startTimecode(FFmpegFrameGrabber g, FrameRate r) {
        String tag = g.getVideoMetadata("timecode");
        if (tag == null) {
            tag = g.getMetadata("timecode");
        }
        if (tag != null) {
            try {
                return Timecode.parse(tag.trim(), r);
            } catch (RuntimeException e) {
                throw new QcInputException(file.toString(), "its timecode tag '" + tag + "' does not fit "
                        + r.label() + " fps: " + e.getMessage());
            }
        }
        return new Timecode(0, 0, 0, 0, false);
    }

    /** The file's rate as an exact rational (23.976 is 24000/1001); 25 when FFmpeg reports none. */
    static FrameRate frameRate(double fps) {
        if (!(fps > 0) || fps > 1000) {
            return FrameRate.FPS_25;
        }
        for (FrameRate r : FrameRate.SUPPORTED) {
            if (Math.abs(r.toDouble() - fps) < 0.01) {
                return r;
            }
        }
        long nominal = Math.round(fps);
        return Math.abs(nominal - fps) < 1e-3 ? new FrameRate((int) nominal, 1)
                : new FrameRate((int) Math.round(fps * 1000), 1000);
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
