package dev.xsight.st2110.receive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.jpegxs.encode.EncoderSettings;
import dev.xsight.jpegxs.JpegXsDecoder;
import dev.xsight.jpegxs.encode.JpegXsEncoder;
import dev.xsight.media.ChromaSampling;
import dev.xsight.media.Frame;
import dev.xsight.media.FrameRate;
import dev.xsight.media.PixelFormat;
import dev.xsight.rtp.PacketPool;
import dev.xsight.rtp.PacketSlot;
import dev.xsight.st2110.PacketMode;
import dev.xsight.st2110.RtpTimecode;
import dev.xsight.st2110.TrafficShaping;
import dev.xsight.st2110.sdp.JxsvFormat;
import dev.xsight.st2110.send.Packetizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Interlaced codestream mode: two field codestreams (I = 2, 3, same F counter) are decoded and woven. */
class InterlacedTest {
    static byte[] encodeField(int w, int h, int seed) {
        Frame f = Frame.allocate(PixelFormat.YUV422P10, w, h);
        for (int p = 0; p < 3; p++) {
            short[] s = f.plane(p);
            int pw = f.planeWidth(p);
            for (int i = 0; i < s.length; i++) {
                s[i] = (short) (64 + ((i % pw) * 3 + (i / pw) * 7 + seed * 101 + p * 50) % 800);
            }
        }
        JpegXsEncoder e = new JpegXsEncoder(EncoderSettings.of(3), PixelFormat.YUV422P10, w, h);
        byte[] out = new byte[e.maxCodestreamBytes()];
        return Arrays.copyOf(out, e.encode(f, out, 0));
    }

    static Frame decode(byte[] cs, int w, int h) throws Exception {
        try (JpegXsDecoder d = new JpegXsDecoder(1)) {
            Frame f = Frame.allocate(PixelFormat.YUV422P10, w, h);
            d.decode(cs, 0, cs.length, f);
            return f;
        }
    }

    @Test
    void firstAndSecondFieldsAreWovenIntoOneFrame() throws Exception {
        int w = 256;
        int h = 128;
        byte[] top = encodeField(w, h / 2, 1);
        byte[] bottom = encodeField(w, h / 2, 2);
        Frame dt = decode(top, w, h / 2);
        Frame db = decode(bottom, w, h / 2);
        JxsvFormat f = new JxsvFormat(PacketMode.CODESTREAM, true, null, null, null, 10, w, h, FrameRate.FPS_25, true,
                false, "YCbCr-4:2:2", "BT709", "SDR", "NARROW", "ST2110-22:2019", TrafficShaping.NARROW_GAPPED);
        StreamCounters counters = new StreamCounters(1);
        List<Frame> frames = Collections.synchronizedList(new ArrayList<>());
        PacketPool pool = new PacketPool(1024, 1500);
        try (DecodePipeline pipeline = new DecodePipeline(f, 1, 1 << 20, RtpTimecode.forRate(f.rate(), 0), counters,
                frames::add)) {
            Depacketizer d = new Depacketizer(PacketMode.CODESTREAM, pool, counters, 8, 1 << 20, pipeline);
            PacketIntake intake = new PacketIntake(112, 1, pool, counters, 256, 50_000_000L, d);
            Packetizer p = new Packetizer(PacketMode.CODESTREAM, 112, 9, 0, 1400);
            List<byte[]> wire = new ArrayList<>();
            long ts = 1000;
            for (int frame = 0; frame < 4; frame++) {
                // Frame 2's first field never reaches the receiver, and no sequence number is missing (it went through
                // another packetizer): the receiver sees a second field without its first.
                if (frame == 2) {
                    new Packetizer(PacketMode.CODESTREAM, 112, 9, 0, 1400).packetize(top, 0, top.length, ts, 2,
                            (b, o, l, last) -> { });
                } else {
                    p.packetize(top, 0, top.length, ts, 2,
                            (b, o, l, last) -> wire.add(Arrays.copyOfRange(b, o, o + l)));
                }
                p.packetize(bottom, 0, bottom.length, ts + 1800, 3,
                        (b, o, l, last) -> wire.add(Arrays.copyOfRange(b, o, o + l)));
                ts += 3600;
            }
            long clock = 0;
            for (byte[] b : wire) {
                PacketSlot s = intake.slot();
                System.arraycopy(b, 0, s.data, 0, b.length);
                s.length = b.length;
                s.arrivalNanos = clock += 1000;
                intake.accept(s, 0);
            }
            intake.poll(clock + 10_000_000_000L, 1_000_000_000L);
            assertTrue(pipeline.awaitIdle(30_000), "every picture decoded and delivered");
        }
        // Frames 0, 1 and 3 are woven (frame 0 included: probation holds its first packet instead of dropping it).
        assertEquals(3, frames.size());
        for (Frame out : frames) {
            assertEquals(h, out.height());
            for (int pl = 0; pl < 3; pl++) {
                int pw = out.planeWidth(pl);
                for (int y = 0; y < h; y++) {
                    Frame src = y % 2 == 0 ? dt : db;
                    assertArrayEquals(Arrays.copyOfRange(src.plane(pl), (y / 2) * pw, (y / 2 + 1) * pw),
                            Arrays.copyOfRange(out.plane(pl), y * pw, (y + 1) * pw), "plane " + pl + " row " + y);
                }
            }
            assertTrue(out.timecode() != null);
            out.release();
        }
        // Frame 2's second field arrived without its first: dropped whole rather than shown half-woven.
        assertEquals(1, counters.framesDroppedDecode);
    }
}
