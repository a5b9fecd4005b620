package dev.xsight.jpegxs;

import dev.xsight.media.ChromaSampling;
import dev.xsight.media.ColourModel;
import dev.xsight.media.PixelFormat;
import java.util.List;

/**
 * The main header of one JPEG XS codestream (ISO/IEC 21122-1 Annex A): everything from SOC up to the first slice
 * header, with the derived slice layout. Immutable; arrays returned by accessors must not be modified.
 *
 * @param width Wf, picture width in luma samples
 * @param height Hf, picture height in lines
 * @param components Nc
 * @param sx horizontal sampling factor per component (CDT)
 * @param sy vertical sampling factor per component (CDT)
 * @param bitDepths B[c] per component (CDT)
 * @param precinctWidth Cw (0: one precinct spans the picture width)
 * @param sliceHeightPrecincts Hsl, slice height in precinct rows
 * @param sliceHeightLines slice height in luma lines (Hsl * 2^NL,y)
 * @param sliceCount number of slices in the picture
 * @param nlx NL,x horizontal decomposition levels
 * @param nly NL,y vertical decomposition levels
 * @param profile Ppih (0 when the codestream leaves it to the transport, as ST 2110-22 does)
 * @param level level, the high byte of Plev
 * @param sublevel sublevel, the low byte of Plev
 * @param quantizer Qpih: 0 deadzone, 1 uniform
 * @param codestreamBytes Lcod: size of the codestream from SOC to EOC, 0 for variable bit rate
 * @param headerBytes bytes from SOC up to the first SLH marker
 * @param markers main-header markers in codestream order, e.g. [SOC, CAP, PIH, CDT, WGT]
 * @param bw Bw, nominal bit precision of the wavelet coefficients
 * @param fq Fq, fractional bits of the wavelet coefficients
 * @param br Br, bits per raw-coded bitplane count
 * @param fslc Fslc slice coding mode
 * @param ppoc Ppoc progression order
 * @param cpih Cpih colour transform: 0 none, 1 RCT, 3 Star-Tetrix
 * @param longHeaders Lh: long precinct and packet headers
 * @param rawModeAllowed Rl: raw-mode packet switch enabled
 * @param separateSigns Fs: signs in their own sub-packet
 * @param runMode Rm: 1 when an insignificant group means zero bitplane counts
 * @param sd Sd from CWD: trailing components without wavelet decomposition
 * @param gains G[b] from WGT, existing bands in codestream order
 * @param priorities P[b] from WGT
 * @param nlt non-linearity (NLT marker) or {@link Nonlinearity#LINEAR}
 * @param starTetrix Star-Tetrix parameters (CTS and CRG) or null
 * @param capabilities CAP bits, most significant first
 */
public record CodestreamInfo(int width, int height, int components, int[] sx, int[] sy, int[] bitDepths,
        int precinctWidth, int sliceHeightPrecincts, int sliceHeightLines, int sliceCount, int nlx, int nly,
        int profile, int level, int sublevel, int quantizer, long codestreamBytes, int headerBytes, List<String> markers,
        int bw, int fq, int br, int fslc, int ppoc, int cpih, boolean longHeaders, boolean rawModeAllowed,
        boolean separateSigns, boolean runMode, int sd, int[] gains, int[] priorities, Nonlinearity nlt,
        StarTetrix starTetrix, boolean[] capabilities) {

    /** The NLT marker (ISO/IEC 21122-1 A.4.6): type 0 linear, 1 quadratic (sigma, alpha), 2 extended (T1, T2, E). */
    public record Nonlinearity(int type, int sigma, int alpha, long t1, long t2, int e) {
        public static final Nonlinearity LINEAR = new Nonlinearity(0, 0, 0, 0, 0, 0);
    }

    /** CTS and CRG parameters of the Star-Tetrix transform (Annex F.3). */
    public record StarTetrix(int cf, int e1, int e2, int[] xcrg, int[] ycrg) {
    }

    /** Name of the profile in Ppih (ISO/IEC 21122-2 Table A.7), or {@code 0x....} when not a known code. */
    public String profileName() {
        return switch (profile) {
            case 0x0000 -> "Unrestricted";
            case 0x1500 -> "Light 422.10";
            case 0x1A00 -> "Light 444.12";
            case 0x2500 -> "Light-Subline 422.10";
            case 0x3240 -> "Main 420.12";
            case 0x3540 -> "Main 422.10";
            case 0x3A40 -> "Main 444.12";
            case 0x3E40 -> "Main 4444.12";
            case 0x4A40 -> "High 444.12";
            case 0x4E40 -> "High 4444.12";
            case 0x6EC0 -> "MLS.12";
            case 0x9300 -> "Light Bayer";
            case 0xB340 -> "Main Bayer";
            case 0xC340 -> "High Bayer";
            default -> String.format("0x%04X", profile);
        };
    }

    /** Bit depth of the picture (every component has the same, checked by the parser when decoding to a frame). */
    public int bitDepth() {
        return bitDepths[0];
    }

    /** Chroma sampling of a three-component picture. */
    public ChromaSampling sampling() {
        if (components >= 3 && sx[1] == 2 && sx[2] == 2) {
            return sy[1] == 2 ? ChromaSampling.S420 : ChromaSampling.S422;
        }
        return ChromaSampling.S444;
    }

    /** Label such as {@code 4:2:2}, {@code 4:4:4:4} or {@code 4:0:0} for one component. */
    public String samplingLabel() {
        if (components == 1) {
            return "4:0:0";
        }
        if (components == 4) {
            return "4:4:4:4";
        }
        return sampling().label();
    }

    /**
     * The frame layout a caller must pass to {@link JpegXsDecoder#decode}: planes in codestream component order.
     *
     * @throws JpegXsFormatException when the picture has no planar frame equivalent (one component, mixed depths)
     */
    public PixelFormat pixelFormat() throws JpegXsFormatException {
        if (components != 3 && components != 4) {
            throw new JpegXsFormatException("CDT", 0, components + " component(s) cannot be held in a frame"
                    + " (3 or 4 supported)");
        }
        for (int c = 1; c < components; c++) {
            if (bitDepths[c] != bitDepths[0]) {
                throw new JpegXsFormatException("CDT", 0, "components of different bit depths ("
                        + bitDepths[0] + " and " + bitDepths[c] + ") cannot be held in a frame");
            }
        }
        ChromaSampling s = sampling();
        for (int c = 0; c < components; c++) {
            boolean chroma = c == 1 || c == 2;
            int ex = chroma ? s.horizontalFactor() : 1;
            int ey = chroma ? s.verticalFactor() : 1;
            if (sx[c] != ex || sy[c] != ey) {
                throw new JpegXsFormatException("CDT", 0, "sampling factors of component " + c + " ("
                        + sx[c] + "x" + sy[c] + ") match no frame layout");
            }
        }
        ColourModel model = cpih == 1 ? ColourModel.RGB : ColourModel.YCBCR;
        return new PixelFormat(model, s, bitDepths[0], components);
    }

    /** First luma row and end row (exclusive) covered by slice {@code slice}. */
    public int[] sliceRowRange(int slice) {
        if (slice < 0 || slice >= sliceCount) {
            throw new IndexOutOfBoundsException("slice " + slice + " of " + sliceCount);
        }
        int first = slice * sliceHeightLines;
        return new int[] {first, Math.min(height, first + sliceHeightLines)};
    }
}
