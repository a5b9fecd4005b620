package dev.xsight.st2110.receive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.xsight.media.Frame;
import dev.xsight.st2110.JxsFraming;
import dev.xsight.st2110.PacketMode;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A slice that fails inside a decoder worker fails only its picture: the receive path counts a decode error, shows
 * nothing for it (the last good picture stays up), and the next picture is exact, in both packet modes and with 1 to
 * 3 decoder threads.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WorkerFailureTest extends S01Pictures {
    /**
     * f1 with slice 10 broken where only the slice decoder looks: codestream mode gets a slice header naming slice 11
     * (the codestream scan checks markers, not indices), slice mode a first precinct whose length runs past the slice
     * (the depacketizer places slices by their header and does not read precincts).
     */
    static byte[] brokenSlice(PacketMode mode) throws Exception {
        byte[] b = f1.codestream.clone();
        JxsFraming.Header h = JxsFraming.header(b, 0, b.length);
        int[] offs = new int[h.sliceCount() + 1];
        JxsFraming.sliceOffsets(b, 0, b.length, h, offs);
        if (mode == PacketMode.CODESTREAM) {
            b[offs[10] + 5] = 11;
        } else {
            b[offs[10] + 6] = 0x7F; // Lprc's top byte
        }
        return b;
    }

    @Test
    void workerFailureFailsOnlyThatPicture() throws Exception {
        for (PacketMode mode : PacketMode.values()) {
            byte[] broken = brokenSlice(mode);
            for (int threads = 1; threads <= 3; threads++) {
                String at = mode + " threads " + threads;
                try (ReceiveRig rig = new ReceiveRig(mode, threads, 4 << 20)) {
                    rig.receive(rig.packetize(f0.codestream), i -> false);
                    Frame f = rig.endOfPicture();
                    assertNotNull(f, at);
                    assertEquals(f0.md5, f.md5Hex(), at);
                    f.release();
                    for (int k = 0; k < 2; k++) {
                        rig.receive(rig.packetize(broken), i -> false);
                        assertNull(rig.endOfPicture(), at + ": a picture whose slice failed is not shown");
                        assertEquals(k + 1, rig.counters.decodeErrors, at);
                    }
                    for (ReferencePicture ref : new ReferencePicture[] {f2, f1}) {
                        rig.receive(rig.packetize(ref.codestream), i -> false);
                        f = rig.endOfPicture();
                        assertNotNull(f, at);
                        assertEquals(ref.md5, f.md5Hex(), at + ": the decoder is healthy after the failure");
                        f.release();
                    }
                }
            }
        }
    }
}
