package dev.xsight.overlay;

import dev.xsight.colour.TransferOp;
import dev.xsight.media.Frame;
import dev.xsight.media.Colorimetry;

/**
 * The pixel probe: source code values at a position and the displayed light in cd/m² for the display's encoding
 * ({@link TransferOp#displayNits}: BT.1886 at 100 cd/m², sRGB at 80, PQ absolute, HLG at 1000).
 *
 * @param source the source code values (Y', Cb, Cr or R, G, B) at the probed pixel (chroma of its sample site)
 * @param displayCodes the 10-bit displayed R'G'B'
 * @param nits displayed light per channel
 */
public record PixelProbe(int x, int y, int[] source, int[] displayCodes, double[] nits) {

    public static PixelProbe at(Frame f, int[] displayCodes, int width, int x, int y, Colorimetry.Transfer display) {
        if (x < 0 || y < 0 || x >= f.width() || y >= f.height()) {
            throw new IllegalArgumentException("probe outside the picture: " + x + "," + y);
        }
        int[] src = new int[3];
        src[0] = f.plane(0)[y * f.width() + x] & 0xFFFF;
        for (int p = 1; p < 3; p++) {
            int pw = f.planeWidth(p);
            int cx = (int) ((long) x * pw / f.width()), cy = (int) ((long) y * f.planeHeight(p) / f.height());
            src[p] = f.plane(p)[cy * pw + cx] & 0xFFFF;
        }
        int[] d = new int[3];
        double[] nits = new double[3];
        for (int k = 0; k < 3; k++) {
            d[k] = displayCodes[(y * width + x) * 3 + k];
            nits[k] = TransferOp.displayNits(display, d[k] / 1023.0);
        }
        return new PixelProbe(x, y, src, d, nits);
    }

    /** "x,y  Y' Cb Cr  R' G' B'  nits" for the overlay. */
    public String readout() {
        return String.format(java.util.Locale.ROOT, "%d,%d %d %d %d %d %d %d %.1f %.1f %.1f", x, y, source[0], source[1],
                source[2], displayCodes[0], displayCodes[1], displayCodes[2], nits[0], nits[1], nits[2]);
    }
}
