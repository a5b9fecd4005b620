package dev.xsight.st2110.sdp;

import dev.xsight.media.ChromaSampling;
import dev.xsight.media.Colorimetry;
import dev.xsight.media.FrameRate;
import dev.xsight.st2110.PacketMode;
import dev.xsight.st2110.TrafficShaping;
import java.util.Locale;

/**
 * The media format of one JPEG XS RTP stream: the {@code a=fmtp} parameters of RFC 9134 section 7.1 and the
 * ST 2110-22 additions (SSN, TP).
 *
 * @param packetMode codestream (K=0) or slice (K=1) packetization
 * @param sequential transmode=1 (T=1: packets in codestream order); false allows out-of-order within a slice
 * @param profile JPEG XS profile name (e.g. {@code High444.12}), or null
 * @param level JPEG XS level name (e.g. {@code 4k-1}), or null
 * @param sublevel JPEG XS sublevel name (e.g. {@code Sublev3bpp}), or null
 * @param depth bit depth of the samples (8..16)
 * @param width picture width in pixels
 * @param height picture height in lines (the full frame, also for interlaced content)
 * @param rate exact frame rate (frames, not fields, per second)
 * @param interlaced the {@code interlace} flag: each frame is sent as two fields
 * @param segmented the {@code segmented} flag: progressive segmented frame (PsF); requires interlace
 * @param sampling ST 2110-20 sampling name, e.g. {@code YCbCr-4:2:2}
 * @param colorimetry ST 2110-20 colorimetry name, e.g. {@code BT709}
 * @param tcs ST 2110-20 transfer characteristic system, e.g. {@code SDR}
 * @param range {@code NARROW}, {@code FULL} or {@code FULLPROTECT}
 * @param ssn SMPTE standard number, {@code ST2110-22:2019} (or :2022)
 * @param trafficShaping the TP sender type
 */
public record JxsvFormat(PacketMode packetMode, boolean sequential, String profile, String level, String sublevel,
        int depth, int width, int height, FrameRate rate, boolean interlaced, boolean segmented, String sampling,
        String colorimetry, String tcs, String range, String ssn, TrafficShaping trafficShaping) {

    public JxsvFormat {
        if (packetMode == null || rate == null || sampling == null || colorimetry == null || tcs == null
                || range == null || ssn == null || trafficShaping == null) {
            throw new IllegalArgumentException("packetMode, rate, sampling, colorimetry, tcs, range, ssn and TP"
                    + " are required");
        }
        if (width <= 0 || height <= 0 || width > 32767 || height > 32767 || depth < 8 || depth > 16) {
            throw new IllegalArgumentException("bad picture format " + width + "x" + height + " depth " + depth);
        }
    }

    /** A progressive stream with the usual ST 2110-22 defaults for the given picture. */
    public static JxsvFormat progressive(PacketMode mode, int width, int height, FrameRate rate, ChromaSampling s,
            int depth) {
        return new JxsvFormat(mode, true, null, null, null, depth, width, height, rate, false, false,
                "YCbCr-" + s.label(), "BT709", "SDR", "NARROW", "ST2110-22:2019", TrafficShaping.NARROW_GAPPED);
    }

    /** The chroma subsampling named by {@link #sampling}, or null for RGB / XYZ / KEY. */
    public ChromaSampling chromaSampling() {
        if (sampling.endsWith("4:2:2")) {
            return ChromaSampling.S422;
        }
        if (sampling.endsWith("4:2:0")) {
            return ChromaSampling.S420;
        }
        return ChromaSampling.S444;
    }

    /**
     * The colour meaning signalled by colorimetry, TCS and RANGE (ST 2110-20 section 7.5/7.6). The renderer takes this
     * as given and never guesses.
     */
    public Colorimetry toColorimetry() {
        Colorimetry.Primaries p;
        Colorimetry.Matrix m;
        Colorimetry.ChromaSiting siting = Colorimetry.ChromaSiting.LEFT;
        switch (colorimetry) {
            case "BT601" -> {
                p = height <= 486 ? Colorimetry.Primaries.BT601_525 : Colorimetry.Primaries.BT601_625;
                m = Colorimetry.Matrix.BT601;
            }
            case "BT709" -> {
                p = Colorimetry.Primaries.BT709;
                m = Colorimetry.Matrix.BT709;
            }
            case "BT2020", "BT2100" -> {
                p = Colorimetry.Primaries.BT2020;
                m = Colorimetry.Matrix.BT2020_NCL;
                siting = Colorimetry.ChromaSiting.TOP_LEFT;
            }
            case "ST2065-1" -> {
                p = Colorimetry.Primaries.ACES_AP0;
                m = Colorimetry.Matrix.IDENTITY;
            }
            case "ST2065-3" -> {
                p = Colorimetry.Primaries.ACES_AP1;
                m = Colorimetry.Matrix.IDENTITY;
            }
            default -> {
                p = Colorimetry.Primaries.UNSPECIFIED;
                m = Colorimetry.Matrix.UNSPECIFIED;
                siting = Colorimetry.ChromaSiting.UNSPECIFIED;
            }
        }
        if (sampling.equals("RGB") || sampling.equals("XYZ")) {
            m = Colorimetry.Matrix.IDENTITY;
        }
        Colorimetry.Transfer t = switch (tcs) {
            case "SDR" -> Colorimetry.Transfer.BT1886;
            case "PQ", "BT2100LINPQ" -> Colorimetry.Transfer.PQ;
            case "HLG", "BT2100LINHLG" -> Colorimetry.Transfer.HLG;
            case "LINEAR", "ST2065-1" -> Colorimetry.Transfer.LINEAR;
            case "ST428-1" -> Colorimetry.Transfer.GAMMA26;
            default -> Colorimetry.Transfer.UNSPECIFIED;
        };
        Colorimetry.Range r = range.equals("NARROW") ? Colorimetry.Range.NARROW : Colorimetry.Range.FULL;
        return new Colorimetry(p, t, m, r, siting);
    }

    /** Frame duration in 90 kHz RTP ticks (rounded; 1501.5 for 59.94 alternates in the sender). */
    public double ticksPerFrame() {
        return 90000.0 * rate.denominator() / rate.numerator();
    }

    /** The fmtp parameter list, in the order RFC 9134 lists them. */
    public String fmtp() {
        StringBuilder b = new StringBuilder();
        b.append("packetmode=").append(packetMode.k());
        b.append(";transmode=").append(sequential ? 1 : 0);
        if (profile != null) {
            b.append(";profile=").append(profile);
        }
        if (level != null) {
            b.append(";level=").append(level);
        }
        if (sublevel != null) {
            b.append(";sublevel=").append(sublevel);
        }
        b.append(";sampling=").append(sampling);
        b.append(";depth=").append(depth);
        b.append(";width=").append(width);
        b.append(";height=").append(height);
        b.append(";exactframerate=").append(rate.denominator() == 1 ? Integer.toString(rate.numerator())
                : rate.numerator() + "/" + rate.denominator());
        if (interlaced) {
            b.append(";interlace");
        }
        if (segmented) {
            b.append(";segmented");
        }
        b.append(";colorimetry=").append(colorimetry);
        b.append(";TCS=").append(tcs);
        b.append(";RANGE=").append(range);
        b.append(";SSN=").append(ssn);
        b.append(";TP=").append(trafficShaping.sdpName());
        return b.toString();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "jxsv %dx%d%s %s %s %d-bit %s", width, height,
                interlaced ? (segmented ? "psf" : "i") : "p", rate.label(), sampling, depth,
                packetMode.name().toLowerCase(Locale.ROOT));
    }
}
