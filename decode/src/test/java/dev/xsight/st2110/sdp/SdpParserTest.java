package dev.xsight.st2110.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.media.Colorimetry;
import dev.xsight.media.FrameRate;
import dev.xsight.st2110.PacketMode;
import dev.xsight.st2110.TrafficShaping;
import org.junit.jupiter.api.Test;

class SdpParserTest {
    static final String DUP = """
            v=0
            o=- 1443716955 1443716955 IN IP4 192.168.1.10
            s=Grade 1 JPEG XS
            t=0 0
            a=group:DUP primary secondary
            """ + leg("239.100.9.10", "192.168.1.10", "primary") + leg("239.101.9.10", "192.168.2.10", "secondary");

    /** One media section of {@link #DUP}: the legs differ only in multicast group, source and mid. */
    private static String leg(String group, String source, String mid) {
        return """
                m=video 50000 RTP/AVP 112
                c=IN IP4 %1$s/32
                b=AS:116000
                a=source-filter: incl IN IP4 %1$s %2$s
                a=rtpmap:112 jxsv/90000
                a=fmtp:112 packetmode=1;transmode=0;profile=High444.12;level=2k-1;sublevel=Sublev3bpp;sampling=YCbCr-4:2:2;\
                depth=10;width=1920;height=1080;exactframerate=60000/1001;colorimetry=BT2100;TCS=PQ;RANGE=FULL;\
                SSN=ST2110-22:2019;TP=2110TPNL
                a=ts-refclk:ptp=IEEE1588-2008:39-A7-94-FF-FE-07-CB-D0:37
                a=mediaclk:direct=0
                a=mid:%3$s
                """.formatted(group, source, mid);
    }

    static final String SINGLE = """
            v=0
            o=- 7 7 IN IP4 10.0.0.5
            s=cam
            t=0 0
            m=video 5004 RTP/AVP 96
            c=IN IP4 10.0.0.9
            a=rtpmap:96 jxsv/90000
            a=fmtp:96 packetmode=0; sampling=YCbCr-4:2:2; depth=10; width=1280; height=720; exactframerate=50;\
             colorimetry=BT709; SSN=ST2110-22:2019; TP=2110TPW
            """;

    static String replace(String sdp, String from, String to) {
        assertTrue(sdp.contains(from), "fixture contains " + from);
        return sdp.replace(from, to);
    }

    @Test
    void parsesDuplicateGroupWithBothLegsAndSourceSpecificMulticast() throws Exception {
        SessionDescription d = SdpParser.parse(DUP);
        assertTrue(d.duplicate());
        assertEquals(2, d.streams().size());
        JxsvStream a = d.streams().get(0);
        JxsvStream b = d.streams().get(1);
        assertEquals("primary", a.mid());
        assertEquals("239.100.9.10", a.destination());
        assertEquals(32, a.ttl());
        assertEquals("192.168.1.10", a.sourceFilter());
        assertEquals("192.168.2.10", b.sourceFilter());
        assertEquals(50000, a.port());
        assertEquals(112, a.payloadType());
        assertEquals(116000, a.bandwidthKbps());
        assertTrue(a.multicast());
        assertEquals("ptp=IEEE1588-2008:39-A7-94-FF-FE-07-CB-D0:37", a.tsRefclk());
        assertEquals("direct=0", a.mediaclk());
        JxsvFormat f = d.format();
        assertEquals(PacketMode.SLICE, f.packetMode());
        assertFalse(f.sequential());
        assertEquals("High444.12", f.profile());
        assertEquals("2k-1", f.level());
        assertEquals("Sublev3bpp", f.sublevel());
        assertEquals(1920, f.width());
        assertEquals(1080, f.height());
        assertEquals(10, f.depth());
        assertEquals(FrameRate.FPS_59_94, f.rate());
        assertEquals(TrafficShaping.NARROW_LINEAR, f.trafficShaping());
    }

    @Test
    void colorimetryTcsAndRangeSetTheFrameColorimetry() throws Exception {
        Colorimetry c = SdpParser.parse(DUP).format().toColorimetry();
        assertEquals(Colorimetry.Primaries.BT2020, c.primaries());
        assertEquals(Colorimetry.Transfer.PQ, c.transfer());
        assertEquals(Colorimetry.Matrix.BT2020_NCL, c.matrix());
        assertEquals(Colorimetry.Range.FULL, c.range());
        Colorimetry hd = SdpParser.parse(SINGLE).format().toColorimetry();
        assertEquals(Colorimetry.BT709, hd);
    }

    @Test
    void defaultsTransmodeSequentialTcsSdrRangeNarrowAndToleratesSpacesInFmtp() throws Exception {
        SessionDescription d = SdpParser.parse(SINGLE);
        JxsvFormat f = d.format();
        assertFalse(d.duplicate());
        assertEquals(PacketMode.CODESTREAM, f.packetMode());
        assertTrue(f.sequential());
        assertEquals("SDR", f.tcs());
        assertEquals("NARROW", f.range());
        assertEquals(FrameRate.FPS_50, f.rate());
        assertNull(d.streams().getFirst().sourceFilter());
        assertFalse(d.streams().getFirst().multicast());
        assertEquals(Long.MAX_VALUE, d.streams().getFirst().maxCodestreamBytes());
    }

    @Test
    void interlaceAndSegmentedFlags() throws Exception {
        JxsvFormat f = SdpParser.parse(replace(SINGLE, "exactframerate=50;", "exactframerate=25; interlace;"
                + " segmented;")).format();
        assertTrue(f.interlaced());
        assertTrue(f.segmented());
        SdpException e = assertThrows(SdpException.class, () -> SdpParser.parse(replace(SINGLE, "exactframerate=50;",
                "exactframerate=25; segmented;")));
        assertEquals(8, e.line());
        assertTrue(e.rule().contains("segmented requires interlace"), e.getMessage());
    }

    @Test
    void writtenDescriptionParsesBackToTheSameModel() throws Exception {
        for (String sdp : new String[] {DUP, SINGLE}) {
            SessionDescription d = SdpParser.parse(sdp);
            String text = SdpWriter.write(d);
            assertTrue(text.startsWith("v=0\r\n"));
            SessionDescription again = SdpParser.parse(text);
            assertEquals(d.format(), again.format());
            assertEquals(d.streams().size(), again.streams().size());
            for (int i = 0; i < d.streams().size(); i++) {
                JxsvStream x = d.streams().get(i);
                JxsvStream y = again.streams().get(i);
                assertEquals(x.destination(), y.destination());
                assertEquals(x.port(), y.port());
                assertEquals(x.sourceFilter(), y.sourceFilter());
                assertEquals(x.bandwidthKbps(), y.bandwidthKbps());
                assertEquals(x.mid(), y.mid());
            }
        }
    }

    private static SdpException fails(String sdp) {
        return assertThrows(SdpException.class, () -> SdpParser.parse(sdp));
    }

    @Test
    void invalidDescriptionsNameTheLineAndTheRule() {
        SdpException e = fails(replace(SINGLE, "packetmode=0;", "packetmode=2;"));
        assertEquals(8, e.line());
        assertTrue(e.rule().contains("packetmode must be 0 or 1"));

        e = fails(replace(SINGLE, "packetmode=0;", "packetmode=0; transmode=0;"));
        assertTrue(e.rule().contains("transmode=0"), e.getMessage());

        e = fails(replace(SINGLE, "jxsv/90000", "jxsv/48000"));
        assertEquals(7, e.line());
        assertTrue(e.rule().contains("90000"));

        e = fails(replace(SINGLE, " width=1280;", ""));
        assertTrue(e.rule().contains("width is required"), e.getMessage());

        e = fails(replace(SINGLE, "exactframerate=50", "exactframerate=59.94"));
        assertTrue(e.rule().contains("exactframerate"), e.getMessage());

        e = fails(replace(SINGLE, "colorimetry=BT709", "colorimetry=REC709"));
        assertTrue(e.rule().contains("colorimetry=REC709"), e.getMessage());

        e = fails(replace(SINGLE, "TP=2110TPW", "TP=fast"));
        assertTrue(e.rule().contains("TP must be"), e.getMessage());

        e = fails(replace(SINGLE, "v=0\n", ""));
        assertEquals(1, e.line());

        e = fails(replace(SINGLE, "c=IN IP4 10.0.0.9\n", ""));
        assertEquals(5, e.line());
        assertTrue(e.rule().contains("c="));

        e = fails(replace(SINGLE, "RTP/AVP 96", "RTP/AVP 34"));
        assertEquals(5, e.line());

        e = fails(replace(DUP, "a=mid:secondary", "a=mid:backup"));
        assertEquals(5, e.line());
        assertTrue(e.rule().contains("secondary"));

        e = fails(replace(DUP, "a=group:DUP primary secondary", "a=group:DUP primary"));
        assertEquals(5, e.line());

        e = fails(replace(SINGLE, "s=cam\n", ""));
        assertEquals(0, e.line());
        assertTrue(e.rule().contains("s="));

        e = fails(replace(SINGLE, "a=rtpmap", "a=fmtp:96 packetmode=1\na=rtpmap"));
        assertTrue(e.rule().contains("second a=fmtp"), e.getMessage());

        e = fails("garbage");
        assertEquals(1, e.line());

        e = fails("v=0\n" + "a=x\n".repeat(20000));
        assertEquals(0, e.line());
    }
}
