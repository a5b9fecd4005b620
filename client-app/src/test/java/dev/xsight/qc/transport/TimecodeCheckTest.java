package dev.xsight.qc.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xsight.media.Frame;
import dev.xsight.media.FrameRate;
import dev.xsight.media.PixelFormat;
import dev.xsight.media.Timecode;
import dev.xsight.qc.QcEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimecodeCheckTest {
    private final Frame frame = Frame.allocate(PixelFormat.YUV422P10, 16, 8);
    private final List<QcEvent> events = new ArrayList<>();
    private final TimecodeCheck check = new TimecodeCheck(events::add);

    private void feed(FrameRate rate, String... labels) {
        for (String l : labels) {
            check.accept(frame.frameRate(rate).timecode(Timecode.parse(l, rate)));
        }
    }

    @Test
    void dropFrameLabelsSkippedAtTheMinuteAreNoBreak() {
        feed(FrameRate.FPS_29_97, "00:00:59;28", "00:00:59;29", "00:01:00;02", "00:01:00;03");
        check.accept(frame.timecode(null)); // a frame without timecode: counting starts afresh
        feed(FrameRate.FPS_29_97, "00:09:59;29", "00:10:00;00", "00:10:00;01");
        check.finish();
        assertEquals(List.of(), events);
    }

    @Test
    void framesTheSourceDroppedAreNoBreakButAJumpBeyondThemIs() {
        java.util.concurrent.atomic.AtomicLong dropped = new java.util.concurrent.atomic.AtomicLong(5);
        TimecodeCheck c = new TimecodeCheck(events::add, dropped::get);
        FrameRate r = FrameRate.FPS_25;
        c.accept(frame.frameRate(r).timecode(Timecode.parse("10:00:00:00", r)));
        c.accept(frame.frameRate(r).timecode(Timecode.parse("10:00:00:01", r)));
        dropped.addAndGet(2); // the receiver dropped two pictures: the next label is 3 on, as the drops explain
        c.accept(frame.frameRate(r).timecode(Timecode.parse("10:00:00:04", r)));
        c.accept(frame.frameRate(r).timecode(Timecode.parse("10:00:00:05", r)));
        dropped.addAndGet(1); // one more drop, but the feed jumps 5 s: that is a break
        c.accept(frame.frameRate(r).timecode(Timecode.parse("10:00:05:06", r)));
        c.finish();
        assertEquals(1, events.size(), events.toString());
        assertEquals("10:00:05:06", events.getFirst().tcIn().toString());
    }

    @Test
    void aJumpIsOneEventAtTheFrameThatJumped() {
        feed(FrameRate.FPS_25, "10:00:00:00", "10:00:00:01", "10:00:05:00", "10:00:05:01");
        check.finish();
        assertEquals(1, events.size());
        QcEvent e = events.getFirst();
        assertEquals(QcEvent.Type.TIMECODE_BREAK, e.type());
        assertEquals(2, e.firstFrame());
        assertEquals(2, e.lastFrame());
        assertEquals("10:00:05:00", e.tcIn().toString());
        assertEquals(123.0, e.values().get("jump_frames"), "5 s less the frame it should have been");
    }

    @Test
    void aStuckTimecodeIsOneEventWhileItStaysStuck() {
        feed(FrameRate.FPS_59_94, "01:00:00;10", "01:00:00;11", "01:00:00;11", "01:00:00;11", "01:00:00;11",
                "01:00:00;12");
        check.finish();
        assertEquals(1, events.size(), events.toString());
        assertEquals(2, events.getFirst().firstFrame());
        assertEquals(4, events.getFirst().lastFrame());
        assertEquals(3.0, events.getFirst().values().get("breaks"));
        assertEquals(-1.0, events.getFirst().values().get("jump_frames"));
    }

    @Test
    void midnightWrapsWithoutABreak() {
        feed(FrameRate.FPS_25, "23:59:59:23", "23:59:59:24", "00:00:00:00");
        check.finish();
        assertEquals(List.of(), events);
    }

    @Test
    void framesTheWorkerSkippedCountAsPassed() {
        feed(FrameRate.FPS_25, "00:00:00:00");
        check.skipped(9);
        feed(FrameRate.FPS_25, "00:00:00:10");
        check.finish();
        assertEquals(List.of(), events);
    }
}
