package dev.xsight.hls;

import dev.xsight.media.Colorimetry;
import dev.xsight.media.Frame;
import dev.xsight.media.FrameSource;
import dev.xsight.media.Timecode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Test listener: keeps what the assertions need from each frame (and copies of the first few) and releases it. */
public final class FrameCollector implements FrameSource.FrameListener {
    public record Seen(int width, int height, String format, int depth, Timecode timecode, Colorimetry colorimetry,
            long sequence, long ptsNanos) {
    }

    public final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
    final List<Frame> copies = Collections.synchronizedList(new ArrayList<>());
    public final List<Exception> errors = Collections.synchronizedList(new ArrayList<>());
    private final int keep;
    private final int wanted;
    private final CountDownLatch enough;

    public FrameCollector(int wanted, int keepCopies) {
        this.wanted = wanted;
        this.enough = new CountDownLatch(wanted);
        this.keep = keepCopies;
    }

    @Override
    public void onFrame(Frame f) {
        if (seen.size() >= wanted) {
            f.release();
            return;
        }
        seen.add(new Seen(f.width(), f.height(), f.format().ffmpegName(), f.format().bitDepth(), f.timecode(),
                f.colorimetry(), f.sequence(), f.ptsNanos()));
        if (copies.size() < keep) {
            Frame c = Frame.allocate(f.format(), f.width(), f.height());
            c.copyFrom(f);
            copies.add(c);
        }
        f.release();
        enough.countDown();
    }

    @Override
    public void onError(dev.xsight.media.SourceException error) {
        errors.add(error);
    }

    /** Waits for the wanted frames; {@code seconds} is a hang limit. */
    void awaitWanted(int seconds) throws InterruptedException {
        enough.await(seconds, TimeUnit.SECONDS);
    }

    /** Waits for the wanted frames, or for the source to finish; {@code seconds} is a hang limit. */
    public void await(HlsSource source, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline && enough.getCount() > 0 && !source.finished()) {
            enough.await(50, TimeUnit.MILLISECONDS);
        }
    }
}
