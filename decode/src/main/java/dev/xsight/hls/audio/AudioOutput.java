package dev.xsight.hls.audio;

import dev.xsight.media.audio.AudioLevels;
import dev.xsight.media.audio.LevelWindow;
import java.nio.ShortBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays decoded audio through Java Sound at the wall-clock time its picture is shown plus the A/V offset, and keeps
 * per-channel meters whether or not a line could be opened (no audio device is normal on servers and CI).
 *
 * <p>Threading: {@link #submit} from one decode thread at a time (the picture decoder for muxed audio, or the audio
 * rendition's decoder); its own thread writes to the line; {@link #levels()} from any thread.
 */
public final class AudioOutput implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AudioOutput.class);

    private record Block(short[] samples, int frames, int channels, int rate, long dueNanos) {
    }

    private final boolean play;
    private final long offsetNanos;
    private final BlockingQueue<Block> queue = new ArrayBlockingQueue<>(64);
    /** Meters over 400 ms (EBU Tech 3341 momentary span), not the last block. */
    private final LevelWindow meter = new LevelWindow(400);
    private volatile boolean closed;
    private volatile String device = "none";
    private Thread thread;
    private SourceDataLine line;
    private AudioFormat lineFormat;

    public AudioOutput(boolean play, long offsetNanos) {
        this.play = play;
        this.offsetNanos = offsetNanos;
    }

    public AudioLevels levels() {
        return meter.levels();
    }

    /** What the audio goes to: a line description, or {@code none (meters only)}. */
    String device() {
        return device;
    }

    /**
     * One decoded block of interleaved 16-bit samples whose first sample belongs at {@code presentNanos} (monotonic
     * clock, as the picture is presented).
     */
    public void submit(short[] samples, int frames, int channels, int rate, long presentNanos) {
        meter.add(samples, frames, channels, rate);
        if (!play || closed) {
            return;
        }
        if (thread == null) {
            thread = Thread.ofPlatform().daemon().name("hls-audio").start(this::loop);
        }
        queue.offer(new Block(samples, frames, channels, rate, presentNanos + offsetNanos));
    }

    private void loop() {
        try {
            while (!closed) {
                Block b = queue.poll(100, TimeUnit.MILLISECONDS);
                if (b == null) {
                    continue;
                }
                if (!ensureLine(b)) {
                    queue.clear();
                    continue;
                }
                long early = b.dueNanos() - System.nanoTime();
                if (early > 2_000_000) {
                    Thread.sleep(early / 1_000_000);
                } else if (early < -100_000_000L) {
                    continue; // more than 100 ms late: drop rather than drift out of sync
                }
                byte[] bytes = new byte[b.frames() * b.channels() * 2];
                for (int i = 0; i < b.frames() * b.channels(); i++) {
                    bytes[2 * i] = (byte) b.samples()[i];
                    bytes[2 * i + 1] = (byte) (b.samples()[i] >> 8);
                }
                line.write(bytes, 0, bytes.length);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean ensureLine(Block b) {
        AudioFormat want = new AudioFormat(b.rate(), 16, b.channels(), true, false);
        if (line != null && lineFormat.matches(want)) {
            return true;
        }
        if (line != null) {
            line.close();
            line = null;
        }
        if ("unavailable".equals(device)) {
            return false;
        }
        try {
            line = AudioSystem.getSourceDataLine(want);
            line.open(want, b.rate() / 5 * b.channels() * 2);
            line.start();
            lineFormat = want;
            device = line.getLineInfo().toString();
            return true;
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            LOG.info("No audio output ({}); audio meters only", e.getMessage());
            device = "unavailable";
            line = null;
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        if (thread != null) {
            try {
                thread.join(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (line != null) {
            line.close();
        }
    }

    /** A decoded block's samples as interleaved 16-bit, or null when it holds none in a 16-bit layout. */
    public static short[] interleave(org.bytedeco.javacv.Frame f) {
        int ch = f.audioChannels;
        if (f.samples == null || ch <= 0 || !(f.samples[0] instanceof ShortBuffer)) {
            return null;
        }
        int frames;
        short[] inter;
        if (f.samples.length == 1) {
            ShortBuffer sb = (ShortBuffer) f.samples[0];
            frames = sb.remaining() / ch;
            inter = new short[frames * ch];
            sb.duplicate().get(inter);
        } else {
            frames = f.samples[0].remaining();
            inter = new short[frames * ch];
            for (int c = 0; c < ch && c < f.samples.length; c++) {
                ShortBuffer sb = ((ShortBuffer) f.samples[c]).duplicate();
                for (int i = 0; i < frames; i++) {
                    inter[i * ch + c] = sb.get();
                }
            }
        }
        return inter;
    }
}
