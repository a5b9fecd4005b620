package dev.xsight.nmos;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xsight.st2110.PacketMode;
import dev.xsight.st2110.sdp.JxsvFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * What our JPEG XS receive path takes, as BCP-004-01 constraint sets with the capability URNs of the NMOS parameter
 * registers that BCP-006-01 names for JPEG XS. The values come from the decoder and the SDP handling, not from a
 * wish list:
 * <ul>
 * <li>profiles: those of three-component pictures the decoder turns into frames (ISO/IEC 21122-2 Table A.7 names as
 * RFC 9134 writes them); the 4:4:4:4, Bayer and MLS profiles are left out (no frame layout for them);</li>
 * <li>levels up to 4k-3 with pictures up to 4096 x 2160; sublevels from Sublev2bpp to Full;</li>
 * <li>4:2:2, 4:4:4 and 4:2:0 Y'CbCr and RGB at 8, 10 or 12 bits ({@code st2110.receive.CodestreamDecoder});</li>
 * <li>both RFC 9134 packetization modes, in or out of order within a slice ({@code st2110.receive.Depacketizer});
 * interlaced and PsF pictures in codestream mode only ({@code St2110Source} refuses them in slice mode);</li>
 * <li>any ST 2110-21 sender type, any frame rate, BT.601/709/2020/2100 colour with SDR, HLG or PQ.</li>
 * </ul>
 * The bit rate bound is what one receive path was built for (2 Gb/s of codestream).
 */
public final class ReceiverCapabilities {
    static final String CAP = "urn:x-nmos:cap:";
    /** Codestream bit rate bound, kilobits per second (BCP-004-01 {@code format:bit_rate}). */
    public static final long MAX_FORMAT_KBPS = 2_000_000;
    /** The same with RTP/UDP/IP overhead ({@code transport:bit_rate}, as ST 2110-22 b=AS). */
    public static final long MAX_TRANSPORT_KBPS = 2_200_000;

    static final List<String> PROFILES = List.of("Light422.10", "Light444.12", "Light-Subline422.10",
            "Main420.12", "Main422.10", "Main444.12", "High444.12");
    static final List<String> LEVELS = List.of("1k-1", "2k-1", "4k-1", "4k-2", "4k-3");
    static final List<String> SUBLEVELS = List.of("Sublev2bpp", "Sublev3bpp", "Sublev4bpp", "Sublev6bpp",
            "Sublev9bpp", "Sublev12bpp", "Full");
    static final List<String> SAMPLINGS = List.of("YCbCr-4:2:2", "YCbCr-4:4:4", "YCbCr-4:2:0", "RGB");
    static final List<Integer> DEPTHS = List.of(8, 10, 12);
    static final List<String> COLORSPACES = List.of("BT601", "BT709", "BT2020", "BT2100");
    static final List<String> TRANSFERS = List.of("SDR", "HLG", "PQ");
    static final List<String> SENDER_TYPES = List.of("2110TPN", "2110TPNL", "2110TPW");

    private ReceiverCapabilities() {
    }

    /** The {@code caps.constraint_sets}: progressive in every packet mode; interlaced / PsF in codestream mode. */
    public static ArrayNode constraintSets() {
        ArrayNode sets = JsonNodeFactory.instance.arrayNode();
        sets.add(set("JPEG XS progressive, codestream or slice packetization", List.of("progressive"),
                List.of("codestream", "slice_sequential", "slice_out_of_order"), 2160));
        sets.add(set("JPEG XS interlaced or PsF, codestream packetization", List.of("interlaced_tff",
                "interlaced_psf"), List.of("codestream"), 1080));
        return sets;
    }

    /**
     * Why the receive path cannot take a stream of this format, or null when it can: the same rules as
     * {@link #constraintSets()} (a parameter the SDP leaves out is not held against it, BCP-006-01).
     */
    public static String refusal(JxsvFormat f) {
        List<String> no = new ArrayList<>();
        if (f.profile() != null && !PROFILES.contains(f.profile())) {
            no.add("profile " + f.profile() + " (takes " + PROFILES + ")");
        }
        if (f.level() != null && !LEVELS.contains(f.level())) {
            no.add("level " + f.level() + " (takes " + LEVELS + ")");
        }
        if (f.sublevel() != null && !SUBLEVELS.contains(f.sublevel())) {
            no.add("sublevel " + f.sublevel() + " (takes " + SUBLEVELS + ")");
        }
        if (!SAMPLINGS.contains(f.sampling())) {
            no.add("sampling " + f.sampling() + " (takes " + SAMPLINGS + ")");
        }
        if (!DEPTHS.contains(f.depth())) {
            no.add("depth " + f.depth() + " (takes " + DEPTHS + ")");
        }
        if (!COLORSPACES.contains(f.colorimetry())) {
            no.add("colorimetry " + f.colorimetry() + " (takes " + COLORSPACES + ")");
        }
        if (!TRANSFERS.contains(f.tcs())) {
            no.add("TCS " + f.tcs() + " (takes " + TRANSFERS + ")");
        }
        int maxHeight = f.interlaced() ? 1080 : 2160;
        if (f.width() < 16 || f.height() < 16 || f.width() > 4096 || f.height() > maxHeight) {
            no.add("picture " + f.width() + "x" + f.height() + " (16x16 to 4096x" + maxHeight + ")");
        }
        if (f.interlaced() && f.packetMode() == PacketMode.SLICE) {
            no.add("interlaced or PsF pictures in slice packetization (codestream mode only)");
        }
        return no.isEmpty() ? null : String.join("; ", no);
    }

    private static ObjectNode set(String label, List<String> interlace, List<String> packetModes, int maxHeight) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put(CAP + "meta:label", label);
        enumOf(s, "format:profile", PROFILES);
        enumOf(s, "format:level", LEVELS);
        enumOf(s, "format:sublevel", SUBLEVELS);
        enumOf(s, "format:color_sampling", SAMPLINGS);
        ArrayNode depths = s.putObject(CAP + "format:component_depth").putArray("enum");
        DEPTHS.forEach(depths::add);
        enumOf(s, "format:colorspace", COLORSPACES);
        enumOf(s, "format:transfer_characteristic", TRANSFERS);
        enumOf(s, "format:interlace_mode", interlace);
        range(s, "format:frame_width", 16, 4096);
        range(s, "format:frame_height", 16, maxHeight);
        range(s, "format:bit_rate", 1, MAX_FORMAT_KBPS);
        range(s, "transport:bit_rate", 1, MAX_TRANSPORT_KBPS);
        enumOf(s, "transport:packet_transmission_mode", packetModes);
        enumOf(s, "transport:st2110_21_sender_type", SENDER_TYPES);
        return s;
    }

    private static void enumOf(ObjectNode s, String cap, List<String> values) {
        ArrayNode a = s.putObject(CAP + cap).putArray("enum");
        values.forEach(a::add);
    }

    private static void range(ObjectNode s, String cap, long min, long max) {
        s.putObject(CAP + cap).put("minimum", min).put("maximum", max);
    }
}
