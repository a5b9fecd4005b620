package dev.xsight.media;

import java.util.Locale;

/**
 * Layout of a planar frame: colour model, chroma sampling, bits per sample (8–16) and plane count (3, or 4 with
 * alpha). Samples are always held right-aligned in 16-bit containers in memory.
 */
public record PixelFormat(ColourModel model, ChromaSampling sampling, int bitDepth, int planeCount) {

    public static final PixelFormat YUV422P10 = new PixelFormat(ColourModel.YCBCR, ChromaSampling.S422, 10, 3);
    public static final PixelFormat YUV444P10 = new PixelFormat(ColourModel.YCBCR, ChromaSampling.S444, 10, 3);
    public static final PixelFormat YUV444P12 = new PixelFormat(ColourModel.YCBCR, ChromaSampling.S444, 12, 3);
    public static final PixelFormat YUV420P10 = new PixelFormat(ColourModel.YCBCR, ChromaSampling.S420, 10, 3);
    public static final PixelFormat YUV420P8 = new PixelFormat(ColourModel.YCBCR, ChromaSampling.S420, 8, 3);

    public PixelFormat {
        if (model == null || sampling == null) {
            throw new IllegalArgumentException("model and sampling are required");
        }
        if (bitDepth < 8 || bitDepth > 16) {
            throw new IllegalArgumentException("bit depth must be 8..16, got " + bitDepth);
        }
        if (planeCount != 3 && planeCount != 4) {
            throw new IllegalArgumentException("plane count must be 3 or 4, got " + planeCount);
        }
        if (model == ColourModel.RGB && sampling != ChromaSampling.S444) {
            throw new IllegalArgumentException("RGB frames are never subsampled");
        }
    }

    /** Width in samples of {@code plane} for a picture {@code width} wide. Plane 0 and alpha are full size. */
    public int planeWidth(int plane, int width) {
        return isChroma(plane) ? sampling.chromaWidth(width) : width;
    }

    /** Height in lines of {@code plane} for a picture {@code height} high. */
    public int planeHeight(int plane, int height) {
        return isChroma(plane) ? sampling.chromaHeight(height) : height;
    }

    private boolean isChroma(int plane) {
        if (plane < 0 || plane >= planeCount) {
            throw new IndexOutOfBoundsException("plane " + plane + " of " + planeCount);
        }
        return plane == 1 || plane == 2;
    }

    /** Bytes per sample in the raw planar file layout: 1 up to 8 bits, else 2 (little-endian). */
    public int bytesPerSample() {
        return bitDepth > 8 ? 2 : 1;
    }

    /** Largest code value, {@code 2^bitDepth - 1}. */
    public int maxCode() {
        return (1 << bitDepth) - 1;
    }

    /** Size in bytes of one picture in the raw planar layout (FFmpeg's {@code yuv422p10le} and friends). */
    public long rawFrameBytes(int width, int height) {
        long total = 0;
        for (int p = 0; p < planeCount; p++) {
            total += (long) planeWidth(p, width) * planeHeight(p, height);
        }
        return total * bytesPerSample();
    }

    /**
     * Parses an FFmpeg pixel-format name such as {@code yuv422p10le}, {@code yuv444p12le}, {@code yuv420p},
     * {@code gbrp10le} or {@code yuva444p10le}.
     *
     * @throws IllegalArgumentException naming what was expected
     */
    public static PixelFormat parseFfmpegName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("(yuva?|gbra?p)(4[024]{2})?p?(\\d{1,2})?(le)?").matcher(n);
        if (!m.matches()) {
            throw new IllegalArgumentException("unsupported pixel format '" + name
                    + "': expected yuv420p, yuv422p10le, yuv444p12le, gbrp10le, yuva444p10le ...");
        }
        String kind = m.group(1);
        int depth = m.group(3) == null ? 8 : Integer.parseInt(m.group(3));
        if (depth > 8 && m.group(4) == null) {
            throw new IllegalArgumentException("pixel format '" + name + "' must be little-endian (…le)");
        }
        if (kind.startsWith("gbr")) {
            return new PixelFormat(ColourModel.RGB, ChromaSampling.S444, depth, kind.startsWith("gbra") ? 4 : 3);
        }
        if (m.group(2) == null) {
            throw new IllegalArgumentException("pixel format '" + name + "' lacks a sampling such as 422");
        }
        ChromaSampling s = switch (m.group(2)) {
            case "420" -> ChromaSampling.S420;
            case "422" -> ChromaSampling.S422;
            case "444" -> ChromaSampling.S444;
            default -> throw new IllegalArgumentException("unsupported sampling in '" + name + "'");
        };
        return new PixelFormat(ColourModel.YCBCR, s, depth, kind.equals("yuva") ? 4 : 3);
    }

    /** The FFmpeg name of this format, e.g. {@code yuv422p10le}. */
    public String ffmpegName() {
        String depth = bitDepth == 8 ? "" : bitDepth + "le";
        if (model == ColourModel.RGB) {
            return (planeCount == 4 ? "gbrap" : "gbrp") + depth;
        }
        String s = switch (sampling) {
            case S420 -> "420";
            case S422 -> "422";
            case S444 -> "444";
        };
        return (planeCount == 4 ? "yuva" : "yuv") + s + "p" + depth;
    }

    /** Human description, e.g. {@code 4:2:2 10-bit}. */
    public String describe() {
        return (model == ColourModel.RGB ? "RGB " : "") + sampling.label() + " " + bitDepth + "-bit";
    }
}
