package dev.xsight.qc.transport;

import dev.xsight.media.Frame;
import dev.xsight.media.FrameRate;
import dev.xsight.media.Timecode;
import dev.xsight.media.TimecodeException;
import dev.xsight.qc.QcEvent;
import dev.xsight.qc.video.VideoCheck;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Timecode breaks: a frame whose timecode is not the previous frame's plus one at the feed's rate (ST 12-1 counting,
 * drop-frame aware through {@link Timecode#toFrameCount}, wrapping at 24 hours). Frames that were not seen count as
 * passed: by the frames' running numbers ({@code Frame.sequence}) where the source numbers them (an HLS frame
 * dropped for lateness is then no break), else by the frames the QC worker skipped. A picture an ST 2110 receiver
 * never completed has no number, so its gap shows as a break beside the {@code loss} event. Consecutive broken frames (a frozen or scrambled timecode) are one event from the first to the last;
 * {@code jump_frames} is the first jump (labels skipped, negative backwards) and {@code breaks} how many frames broke.
 * A frame without a timecode or rate, or a change of rate, starts counting afresh.
 *
 * <p>Threading: one feeding thread; no allocation per frame.
 */
public final class TimecodeCheck implements VideoCheck {
    private final Consumer<QcEvent> out;
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
        this.out = out;
    }

    @Override
    public void skipped(long frames) {
        frame += frames;
        gap += frames;
    }

    @Override
    public void accept(Frame f) {
        frame++;
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
            if (count != expected) {
                long delta = count < 0 ? 0 : Math.floorMod(count - expected + perDay / 2, perDay) - perDay / 2;
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
