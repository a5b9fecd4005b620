package dev.xsight.qc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.media.Frame;
import dev.xsight.media.FramePool;
import dev.xsight.media.FrameRate;
import dev.xsight.media.PixelFormat;
import dev.xsight.media.Timecode;
import dev.xsight.qc.audio.AudioCheck;
import dev.xsight.qc.transport.TimecodeCheck;
import dev.xsight.qc.video.VideoCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The QC worker beside a live source: a slow check makes it skip whole frames, counted, and never holds the source. */
class QcWorkerTest {
    private static final FrameRate RATE = FrameRate.FPS_25;

    /** A check that waits for the test on its first frame, then counts. */
    static final class SlowCheck implements VideoCheck {
        final CountDownLatch go = new CountDownLatch(1);
        final AtomicLong seen = new AtomicLong();
        final AtomicLong skipped = new AtomicLong();

        @Override
        public void accept(Frame f) {
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            seen.incrementAndGet();
        }

        @Override
        public void skipped(long frames) {
            skipped.addAndGet(frames);
        }

        @Override
        public void finish() {
        }
    }

    private static Frame frame(FramePool pool, long n) {
        return pool.acquire().frameRate(RATE).sequence(n)
                .timecode(Timecode.fromFrameCount(90_000 + n, RATE, false));
    }

    @Test
    void aSlowCheckMakesTheWorkerSkipWholeFramesWhileTheSourceGoesOn() throws Exception {
        SlowCheck slow = new SlowCheck();
        List<QcEvent> events = new ArrayList<>();
        FramePool pool = new FramePool(PixelFormat.YUV422P10, 64, 36, 64);
        QcWorker worker = new QcWorker((sink, r) -> new QcChecks(List.of(slow, new TimecodeCheck(sink)), List.of()),
                RATE, QcWorker.Feed.LIVE, events::add);
        // The source offers 50 frames while the check is stuck on the first: every offer returns (the test would
        // hang otherwise), the ring keeps FRAME_SLOTS frames and the rest are skipped.
        for (int i = 0; i < 50; i++) {
            Frame f = frame(pool, i);
            worker.offer(f);
            f.release();
        }
        assertEquals(50 - QcWorker.FRAME_SLOTS, worker.framesSkipped());
        slow.go.countDown();
        while (worker.framesAnalysed() < QcWorker.FRAME_SLOTS) {
            Thread.onSpinWait(); // waits on the worker's progress, asserts nothing about time
        }
        Frame last = frame(pool, 50);
        worker.offer(last);
        last.release();
        worker.finish();
        worker.close();
        assertEquals(QcWorker.FRAME_SLOTS + 1, worker.framesAnalysed());
        assertEquals(50 - QcWorker.FRAME_SLOTS, slow.skipped.get(), "the check hears of the skipped frames");
        assertEquals(List.of(), events, "skipped frames are not a timecode break");
        long made = pool.allocatedFrames();
        for (int i = 0; i < made; i++) {
            pool.acquire();
        }
        assertEquals(made, pool.allocatedFrames(), "every frame went back to its pool");
    }

    @Test
    void audioIsHeardWholeWhileASlowPictureCheckMakesFramesSkip() throws Exception {
        SlowCheck slow = new SlowCheck();
        AtomicLong heard = new AtomicLong();
        CountDownLatch allHeard = new CountDownLatch(1);
        int blocks = 200; // 4.3 s of 1024-sample blocks at 48 kHz: what an HLS segment or two decodes at once
        AudioCheck count = new AudioCheck() {
            @Override
            public void accept(short[] interleaved, int frames, int channels, int sampleRate, long ptsNanos) {
                if (heard.incrementAndGet() == blocks) {
                    allHeard.countDown();
                }
            }

            @Override
            public void finish() {
            }
        };
        FramePool pool = new FramePool(PixelFormat.YUV422P10, 64, 36, 64);
        QcWorker worker = new QcWorker((sink, r) -> new QcChecks(List.of(slow), List.of(count)), RATE,
                QcWorker.Feed.LIVE, e -> { });
        short[] block = new short[2048];
        for (int i = 0; i < blocks; i++) {
            if (i % 8 == 0) {
                Frame f = frame(pool, i / 8);
                worker.offer(f); // the first one holds the worker in the slow check; later ones are skipped
                f.release();
            }
            worker.offerAudio(block, 1024, 2, 48_000, i * 21_333_333L);
        }
        assertTrue(worker.framesSkipped() > 0, "the picture check is behind");
        slow.go.countDown();
        allHeard.await(); // every block reaches the audio check: a loudness measure must have no holes
        worker.finish();
        worker.close();
        assertEquals(0, worker.audioBlocksSkipped());
        assertEquals(blocks, worker.audioBlocksAnalysed());
    }

    @Test
    void aFileFeedWaitsInsteadOfSkipping() throws Exception {
        AtomicLong seen = new AtomicLong();
        AtomicLong blocks = new AtomicLong();
        VideoCheck count = new VideoCheck() {
            @Override
            public void accept(Frame f) {
                seen.incrementAndGet();
            }

            @Override
            public void finish() {
            }
        };
        AudioCheck audio = new AudioCheck() {
            @Override
            public void accept(short[] interleaved, int frames, int channels, int sampleRate, long ptsNanos) {
                assertEquals(7, interleaved[frames * channels - 1]);
                blocks.incrementAndGet();
            }

            @Override
            public void finish() {
            }
        };
        FramePool pool = new FramePool(PixelFormat.YUV422P10, 64, 36, 8);
        QcWorker worker = new QcWorker((sink, r) -> new QcChecks(List.of(count), List.of(audio)), RATE,
                QcWorker.Feed.FILE, e -> { });
        short[] samples = new short[1920 * 2];
        for (int i = 0; i < 200; i++) {
            Frame f = frame(pool, i);
            worker.offer(f);
            f.release();
            samples[samples.length - 1] = 7;
            worker.offerAudio(samples, 1920, 2, 48_000, i * 40_000_000L);
            samples[samples.length - 1] = 0; // the worker analyses its own copy
        }
        worker.finish();
        worker.close();
        assertEquals(200, seen.get());
        assertEquals(200, blocks.get());
        assertEquals(0, worker.framesSkipped());
        assertTrue(worker.done());
    }

    /** Reports one black event at frames 25..30 without timecodes, once it has seen frame 30. */
    record Reporter(java.util.function.Consumer<QcEvent> out, AtomicLong n) implements VideoCheck {
        @Override
        public void accept(Frame f) {
            if (n.incrementAndGet() == 31) {
                out.accept(new QcEvent(QcEvent.Type.BLACK, 25, 30, null, null, java.util.Map.of()));
            }
        }

        @Override
        public void finish() {
        }
    }

    @Test
    void eventsWithoutTimecodeCountFromZeroAtTheFeedsRate() throws Exception {
        List<QcEvent> events = new ArrayList<>();
        FramePool pool = new FramePool(PixelFormat.YUV422P10, 64, 36, 8);
        QcWorker worker = new QcWorker((sink, r) -> new QcChecks(List.of(new Reporter(sink, new AtomicLong())),
                List.of()), null, QcWorker.Feed.FILE, events::add);
        for (int i = 0; i < 40; i++) {
            Frame f = pool.acquire().frameRate(RATE);
            worker.offer(f);
            f.release();
        }
        worker.finish();
        worker.close();
        assertEquals(1, events.size());
        assertEquals("00:00:01:00", events.getFirst().tcIn().toString());
        assertEquals("00:00:01:05", events.getFirst().tcOut().toString());
        assertEquals(1, worker.count(QcEvent.Type.BLACK));
    }

    @Test
    void steadyStateAnalysisAllocatesNothingPerFrame() throws Exception {
        FramePool pool = new FramePool(PixelFormat.YUV422P10, 320, 180, 8);
        QcWorker worker = new QcWorker((sink, r) -> QcCatalogue.checks(QcProfiles.builtIn().getFirst(), sink, r,
                null, 1), RATE, QcWorker.Feed.FILE, e -> { });
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long perFrame = Long.MAX_VALUE;
        long n = 0;
        // Rounds of 50 frames after warm-up until one stays under the limit (JIT compilation may allocate in the
        // first rounds; a real per-frame copy of a 115 kB plane never would); 60 s of rounds is a hang.
        long deadline = System.nanoTime() + 60_000_000_000L;
        for (int round = 0; perFrame >= 256 && System.nanoTime() - deadline < 0; round++) {
            long before = threads.getThreadAllocatedBytes(worker.threadId());
            long analysedBefore = worker.framesAnalysed();
            for (int i = 0; i < 50; i++, n++) {
                Frame f = frame(pool, n);
                java.util.Arrays.fill(f.plane(0), (short) (300 + n % 400)); // moving picture: no freeze, no black
                worker.offer(f);
                f.release();
            }
            while (worker.framesAnalysed() < analysedBefore + 50) {
                Thread.onSpinWait();
            }
            if (round > 0) {
                perFrame = (threads.getThreadAllocatedBytes(worker.threadId()) - before) / 50;
            }
        }
        worker.finish();
        worker.close();
        assertTrue(perFrame < 256, "the QC worker allocated " + perFrame + " bytes per frame");
    }
}
