package dev.xsight.qc.transport;

import dev.xsight.media.Frame;
import dev.xsight.media.FrameRate;
import dev.xsight.media.Timecode;
import dev.xsight.media.TimecodeException;
import dev.xsight.qc.QcEvent;
import dev.xsight.qc.video.VideoCheck;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Timecode breaks: a frame whose timecode is not the previous frame's plus one at the feed's rate (ST 12-1 counting,
 * drop-frame aware through {@link Timecode#toFrameCount}, wrapping at 24 hours). Frames that were not seen count as
 * passed: by the frames' running numbers ({@code Frame.sequence}) where the source numbers them (an HLS frame
 * dropped for lateness is then no break), else by the frames the QC worker skipped. A picture an ST 2110 receiver
 * never completed has no number, but the receiver counts it as dropped: a jump of no more frames than the source
 * dropped meanwhile is those drops (the transport check reports them), not a break. Consecutive broken frames (a frozen or scrambled timecode) are one event from the first to the last;
 * {@code jump_frames} is the first jump (labels skipped, negative backwards) and {@code breaks} how many frames broke.
 * A frame without a timecode or rate, or a change of rate, starts counting afresh.
 *
 * <p>Threading: one feeding thread; no allocation per frame.
 */
public final class TimecodeCheck implements VideoCheck {
    private final Consumer<QcEvent> out;
    private final LongSupplier sourceDropped;
    /** Source drops already used to explain jumps (or seen before the first frame); -1 before the first frame. */
    private long droppedExplained = -1;
    private long frame = -1;
    private long gap;
    private FrameRate rate;
    private boolean drop;
    private long previous = -1;
    private long previousSequence = -1;
    private boolean open;
    private long first;
    private long last;
    private Timecode firstTc;
    private Timecode lastTc;
    private long jump;
    private long breaks;

    public TimecodeCheck(Consumer<QcEvent> out) {
        this(out, () -> 0);
    }

    /**
     * @param sourceDropped the frames the source itself reports as dropped so far (never delivered: a picture an ST
     *     2110 receiver could not complete or decode in time). A forward jump of no more frames than the source has
     *     dropped since the last one it explained is those drops, reported by the transport check, not a break in
     *     the feed's timecode. Read at the first frame and at each jump only.
     */
    public TimecodeCheck(Consumer<QcEvent> out, LongSupplier sourceDropped) {
        this.out = out;
        this.sourceDropped = sourceDropped;
    }

    @Override
    public void skipped(long frames) {
        frame += frames;
        gap += frames;
    }

    @Override
    public void accept(Frame f) {
        frame++;
        if (droppedExplained < 0) {
            droppedExplained = sourceDropped.getAsLong();
        }
        long passed = f.sequence() > previousSequence && previousSequence >= 0 && f.sequence() > 0
                ? f.sequence() - previousSequence : gap + 1;
        gap = 0;
        previousSequence = f.sequence();
        Timecode tc = f.timecode();
        FrameRate r = f.frameRate();
        if (tc == null || r == null) {
            previous = -1;
            close();
            return;
        }
        long count;
        try {
            count = tc.toFrameCount(r);
        } catch (TimecodeException e) {
            count = -2; // a label that does not exist at this rate: a break in itself
        }
        if (previous >= 0 && r.equals(rate) && tc.dropFrame() == drop) {
            long perDay = Timecode.framesPerDay(r, drop);
            long expected = Math.floorMod(previous + passed, perDay);
            long delta = count < 0 || count == expected ? 0
                    : Math.floorMod(count - expected + perDay / 2, perDay) - perDay / 2;
            if (delta > 0 && explainedByDrops(delta)) {
                close();
            } else if (count != expected) {
                if (!open || last != frame - 1) {
                    close();
                    open = true;
                    first = frame;
                    firstTc = tc;
                    jump = delta;
                    breaks = 0;
                }
                last = frame;
                lastTc = tc;
                breaks++;
            } else {
                close();
            }
        } else {
            close();
        }
        rate = r;
        drop = tc.dropFrame();
        previous = count;
    }

    private boolean explainedByDrops(long missing) {
        long dropped = sourceDropped.getAsLong();
        if (dropped - droppedExplained >= missing) {
            droppedExplained += missing;
            return true;
        }
        return false;
    }

    @Override
    public void finish() {
        close();
    }

    private void close() {
        if (open) {
            open = false;
            out.accept(new QcEvent(QcEvent.Type.TIMECODE_BREAK, first, last, firstTc, lastTc,
                    Map.of("jump_frames", (double) jump, "breaks", (double) breaks)));
        }
    }
}
