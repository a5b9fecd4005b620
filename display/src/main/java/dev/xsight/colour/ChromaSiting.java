package dev.xsight.colour;

import dev.xsight.media.ChromaSampling;
import dev.xsight.media.Colorimetry;
import dev.xsight.media.Frame;

/**
 * Where chroma samples sit relative to luma, as offsets in luma samples, and the bilinear upsampling that both
 * back ends use: chroma position {@code (x - offsetX) / subX}, linear between the two nearest chroma samples,
 * clamped at the picture edges. Co-sited ("left"/"top-left") = offset 0; centred = (sub − 1) / 2.
 */
public record ChromaSiting(int subX, int subY, double offsetX, double offsetY) {

    public static ChromaSiting of(ChromaSampling s, Colorimetry.ChromaSiting siting) {
        int sx = s.chromaWidth(1024) == 1024 ? 1 : 2;
        int sy = s.chromaHeight(1024) == 1024 ? 1 : 2;
        double ox = siting == Colorimetry.ChromaSiting.CENTER ? (sx - 1) / 2.0 : 0;
        // H.273 / BT.2020: "top-left" is co-sited vertically; MPEG-2 "left" (the 4:2:0 default) is centred.
        double oy = siting == Colorimetry.ChromaSiting.TOP_LEFT ? 0 : (sy - 1) / 2.0;
        return new ChromaSiting(sx, sy, ox, oy);
    }

    /** The chroma value of plane {@code p} at luma position (x, y), by bilinear interpolation. */
    public double sample(Frame f, int p, int x, int y) {
        short[] plane = f.plane(p);
        int cw = f.planeWidth(p), ch = f.planeHeight(p);
        double cx = (x - offsetX) / subX, cy = (y - offsetY) / subY;
        int x0 = (int) Math.floor(cx), y0 = (int) Math.floor(cy);
        double tx = cx - x0, ty = cy - y0;
        int xa = clamp(x0, cw), xb = clamp(x0 + 1, cw), ya = clamp(y0, ch), yb = clamp(y0 + 1, ch);
        double a = plane[ya * cw + xa] & 0xFFFF, b = plane[ya * cw + xb] & 0xFFFF;
        double c = plane[yb * cw + xa] & 0xFFFF, d = plane[yb * cw + xb] & 0xFFFF;
        double top = a + (b - a) * tx, bottom = c + (d - c) * tx;
        return top + (bottom - top) * ty;
    }

    private static int clamp(int i, int n) {
        return i < 0 ? 0 : (i >= n ? n - 1 : i);
    }
}
