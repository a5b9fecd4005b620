package dev.xsight.image;

/**
 * A displayed picture as 10-bit R'G'B' code values, 3 per pixel, top line first (what the GL readback or the CPU
 * reference produce). Mutable so that buffers can be reused frame after frame; owned by one thread at a time.
 */
public final class DisplayImage {
    private final int width;
    private final int height;
    private final int[] codes;

    public DisplayImage(int width, int height) {
        if (width < 1 || height < 1 || (long) width * height > 16384L * 16384L) {
            throw new IllegalArgumentException("bad image size " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.codes = new int[width * height * 3];
    }

    /** Wraps {@code codes} (3 per pixel, 0..1023) without copying. */
    public DisplayImage(int width, int height, int[] codes) {
        if (codes.length != width * height * 3) {
            throw new IllegalArgumentException("need " + width * height * 3 + " codes, got " + codes.length);
        }
        this.width = width;
        this.height = height;
        this.codes = codes;
    }

    /** From normalised values (clamped and rounded to 10-bit codes). */
    public static DisplayImage fromNormalised(int width, int height, double[] rgb) {
        DisplayImage d = new DisplayImage(width, height);
        for (int i = 0; i < d.codes.length; i++) {
            double v = rgb[i];
            d.codes[i] = (int) Math.round((v < 0 ? 0 : (v > 1 ? 1 : v)) * 1023);
        }
        return d;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The backing array (3 per pixel). */
    public int[] codes() {
        return codes;
    }

    public int get(int x, int y, int channel) {
        return codes[(y * width + x) * 3 + channel];
    }

    public void set(int x, int y, int r, int g, int b) {
        int i = (y * width + x) * 3;
        codes[i] = r;
        codes[i + 1] = g;
        codes[i + 2] = b;
    }
}
