package dev.xsight.st2110.receive;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.xsight.rtp.PacketSlot;
import dev.xsight.st2110.CodestreamFormatException;
import dev.xsight.st2110.JxsFraming;
import dev.xsight.st2110.PacketMode;

/**
 * Arbitrary datagrams through the whole receive path (RTP view, A.1 validation, reorder window, RFC 9134
 * depacketizer in both modes, JPEG XS framing): nothing may throw, hang or leak a packet slot. Runs its seeds in
 * regression mode during the normal build; {@code JAZZER_FUZZ=1} fuzzes
 * ({@code ./monitor fuzz --target rfc9134}, {@code --target rfc9134-framing}).
 */
class Rfc9134ParserFuzzTest {
    @FuzzTest(maxDuration = "20s")
    void anyDatagramsAreHandledWithoutFailure(FuzzedDataProvider data) {
        PacketMode mode = data.consumeBoolean() ? PacketMode.SLICE : PacketMode.CODESTREAM;
        RtpRoundTripTest.Rig rig = new RtpRoundTripTest.Rig(mode, 2);
        int before = rig.pool.available();
        int n = data.consumeInt(0, 64);
        for (int i = 0; i < n && data.remainingBytes() > 0; i++) {
            byte[] d = data.consumeBytes(data.consumeInt(0, 1500));
            PacketSlot s = rig.intake.slot();
            System.arraycopy(d, 0, s.data, 0, d.length);
            s.length = d.length;
            s.arrivalNanos = rig.clock += data.consumeInt(0, 5_000_000);
            rig.intake.accept(s, data.consumeInt(0, 1));
        }
        rig.finish();
        rig.intake.close();
        if (rig.pool.available() != before) {
            throw new IllegalStateException("packet slots leaked: " + (before - rig.pool.available()));
        }
    }

    @FuzzTest(maxDuration = "10s")
    void framingOfAnyPictureSegmentFailsOnlyWithTypedException(byte[] b) {
        try {
            JxsFraming.Header h = JxsFraming.header(b, 0, b.length);
            if (h.sliceCount() <= 4096) {
                JxsFraming.sliceOffsets(b, 0, b.length, h, new int[h.sliceCount() + 1]);
            }
        } catch (CodestreamFormatException expected) {
            // Typed rejection with an offset is the contract.
        }
    }
}
