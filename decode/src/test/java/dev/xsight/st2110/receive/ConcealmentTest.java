package dev.xsight.st2110.receive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.media.Frame;
import dev.xsight.st2110.PacketMode;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Slice-mode concealment at pixel level, through the whole receive path: when a slice is lost, the picture shows the
 * co-located rows of the previous picture for that slice's rows and the reference decoder's samples everywhere else
 * (but for the few rows the vertical wavelet synthesis draws from the stand-in slice; none at NL,y 0). Expectations are
 * per row, from reference pictures whose decodes were first checked against the manifest's md5s.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConcealmentTest extends S01Pictures {
    static ReferencePicture v0;

    @BeforeAll
    static void verticalReference() throws Exception {
        v0 = ReferencePicture.of("s05_1080p422p10_bpp2_v0h5.jxs"); // NL,y 0: slices do not share rows
    }

    /** Sends {@code ref} losing every packet of the given slices; returns the frame shown, or null. */
    private static Frame send(ReceiveRig rig, ReferencePicture ref, Set<Integer> lostSlices) throws Exception {
        List<byte[]> packets = rig.packetize(ref.codestream);
        rig.receive(packets, i -> lostSlices.contains(ReceiveRig.sep(packets.get(i))));
        return rig.endOfPicture();
    }

    private static void shownExactly(Frame f, ReferencePicture ref) {
        try {
            assertNotNull(f, ref.name + " was not shown");
            assertEquals(ref.md5, f.md5Hex(), ref.name);
        } finally {
            if (f != null) {
                f.release();
            }
        }
    }

    @Test
    void lostSliceShowsThePreviousPicturesRowsAndTheReferenceElsewhere() throws Exception {
        for (int threads = 1; threads <= 3; threads++) {
            try (ReceiveRig rig = new ReceiveRig(PacketMode.SLICE, threads, 4 << 20)) {
                shownExactly(send(rig, f0, Set.of()), f0);
                Frame g = send(rig, f1, Set.of(10, 41));
                try {
                    assertNotNull(g, "a picture with two slices lost is concealed, threads " + threads);
                    // Rows 160-175 and 656-671 (slices 10 and 41 of 16 rows) are f0's; the rest f1's.
                    ReceivePathPropertyTest.assertConcealed(g, f1, new ReceivePathPropertyTest.Shown(f0.picture),
                            Set.of(10, 41), "threads " + threads);
                    assertEquals(8, ReceivePathPropertyTest.band(f1), "NL,y 2: 8 rows either side");
                } finally {
                    if (g != null) {
                        g.release();
                    }
                }
                assertEquals(1, rig.counters.framesConcealed);
                // The next whole picture is exact: concealment left nothing behind in the decoder.
                shownExactly(send(rig, f2, Set.of()), f2);
            }
        }
    }

    @Test
    void atNly0AConcealedSliceChangesOnlyItsOwnRows() throws Exception {
        try (ReceiveRig rig = new ReceiveRig(PacketMode.SLICE, 2, 4 << 20)) {
            shownExactly(send(rig, v0, Set.of()), v0);
            // The same picture again, slice 30 lost: its rows come from the previous (identical) picture and no other
            // row depends on the stand-in, so the whole picture is the reference's.
            shownExactly(send(rig, v0, Set.of(30)), v0);
            assertEquals(1, rig.counters.framesConcealed);
        }
    }

    @Test
    void slicesOfAnotherHeaderNeverStandInForALostSlice() throws Exception {
        for (int threads = 1; threads <= 3; threads++) {
            try (ReceiveRig rig = new ReceiveRig(PacketMode.SLICE, threads, 4 << 20)) {
                shownExactly(send(rig, f0, Set.of()), f0);
                // 68 slices like f0, but NL,y 0 and 16-row precincts: its slices mean nothing under f0's header.
                shownExactly(send(rig, v0, Set.of()), v0);
                // No slice of f1's header is cached: a delivered neighbour slice of f1 itself stands in (never v0's),
                // and the lost rows are the previous frame's (v0's); every other row away from the loss is exact.
                Frame c = send(rig, f1, Set.of(10));
                try {
                    assertNotNull(c, "a neighbour of the same picture conceals the loss, threads " + threads);
                    ReceivePathPropertyTest.assertConcealed(c, f1, new ReceivePathPropertyTest.Shown(v0.picture),
                            Set.of(10), "neighbour stand-in, threads " + threads);
                } finally {
                    if (c != null) {
                        c.release();
                    }
                }
                shownExactly(send(rig, f2, Set.of()), f2);
                // Now f2's slices are cached: the same loss is concealed.
                Frame g = send(rig, f1, Set.of(10));
                try {
                    assertNotNull(g);
                    ReceivePathPropertyTest.assertConcealed(g, f1, new ReceivePathPropertyTest.Shown(f2.picture),
                            Set.of(10), "threads " + threads);
                } finally {
                    if (g != null) {
                        g.release();
                    }
                }
            }
        }
    }

    @Test
    void receivedPictureWithBoxesBeforeSocDecodesToTheReferenceInBothModes() throws Exception {
        for (PacketMode mode : PacketMode.values()) {
            for (int threads = 1; threads <= 3; threads++) {
                try (ReceiveRig rig = new ReceiveRig(mode, threads, 4 << 20)) {
                    for (ReferencePicture ref : List.of(f0, v0, f1)) {
                        List<byte[]> packets = rig.packetize(ref.withBoxes());
                        rig.receive(packets, i -> false);
                        shownExactly(rig.endOfPicture(), ref);
                    }
                    assertEquals(0, rig.counters.decodeErrors, mode + " threads " + threads);
                    assertTrue(rig.counters.framesComplete >= 3);
                }
            }
        }
    }
}
