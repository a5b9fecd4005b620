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

/** Transport totals growing at known frames become loss / concealed events over exactly those frames. */
class TransportCheckTest {
    private final TransportCounts totals = new TransportCounts();
    private final List<QcEvent> events = new ArrayList<>();
    private final TransportCheck check = new TransportCheck(into -> {
        into.packetsLost = totals.packetsLost;
        into.framesConcealed = totals.framesConcealed;
        into.framesDropped = totals.framesDropped;
        into.legs = totals.legs;
        System.arraycopy(totals.legDown, 0, into.legDown, 0, totals.legDown.length);
    }, 1, 3, events::add);
    private final Frame frame = Frame.allocate(PixelFormat.YUV422P10, 16, 8).frameRate(FrameRate.FPS_25);

    private void frame(long n) {
        check.accept(frame.timecode(Timecode.fromFrameCount(n, FrameRate.FPS_25, false)));
    }

    @Test
    void lossesCloseTogetherAreOneEventAndALegDownIsItsOwn() {
        totals.legs = 2;
        for (int n = 0; n < 60; n++) {
            if (n == 10) {
                totals.packetsLost += 3;
            }
            if (n == 12) {
                totals.packetsLost += 1;
            }
            if (n == 30) {
                totals.framesConcealed += 1;
                totals.framesDropped += 1;
            }
            totals.legDown[1] = n >= 40 && n < 50;
            frame(n);
        }
        check.finish();
        assertEquals(3, events.size(), events.toString());
        QcEvent loss = events.get(0);
        assertEquals(QcEvent.Type.LOSS, loss.type());
        assertEquals(10, loss.firstFrame());
        assertEquals(12, loss.lastFrame());
        assertEquals(4.0, loss.values().get("packets_lost"));
        QcEvent concealed = events.get(1);
        assertEquals(QcEvent.Type.CONCEALED, concealed.type());
        assertEquals(30, concealed.firstFrame());
        assertEquals(30, concealed.lastFrame());
        assertEquals("00:00:01:05", concealed.tcIn().toString());
        QcEvent leg = events.get(2);
        assertEquals(QcEvent.Type.LOSS, leg.type());
        assertEquals(1.0, leg.values().get("leg"));
        assertEquals(40, leg.firstFrame());
        assertEquals(49, leg.lastFrame());
    }

    @Test
    void lossesFurtherApartThanTheMergeAreTwoEvents() {
        for (int n = 0; n < 30; n++) {
            if (n == 5 || n == 15) {
                totals.packetsLost++;
            }
            frame(n);
        }
        check.finish();
        assertEquals(2, events.size(), events.toString());
        assertEquals(5, events.get(0).firstFrame());
        assertEquals(15, events.get(1).firstFrame());
    }

    @Test
    void whatWasLostBeforeTheFirstFrameIsNotAnEvent() {
        totals.packetsLost = 100;
        for (int n = 0; n < 10; n++) {
            frame(n);
        }
        check.finish();
        assertEquals(List.of(), events);
    }
}
