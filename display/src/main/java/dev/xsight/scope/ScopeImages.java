package dev.xsight.scope;

import dev.xsight.image.DisplayImage;

/**
 * Draws scope accumulations as pictures (10-bit code images) with their graticules: the luma waveform and RGB
 * parade with 0/50/100% lines, the vectorscope with 75% and 100% bar targets and the skin-tone line, from the counts
 * of either the CPU {@link Scopes} or the GPU {@link GlScopes}. Stateless; runs on the thread that owns the counts.
 */
public final class ScopeImages {
    private ScopeImages() {
    }

    private static int intensity(int count, int max) {
        if (count == 0) {
            return 0;
        }
        return (int) Math.min(1023, 200 + 823 * Math.log1p(count) / Math.log1p(Math.max(1, max)));
    }

    /** The luma waveform, {@code height} rows for the 0..1023 code range (top = 1023). */
    public static DisplayImage waveform(ScopeCounts s, int height) {
        DisplayImage img = new DisplayImage(s.columns(), height);
        int max = 1;
        for (int c = 0; c < s.columns(); c++) {
            for (int l = 0; l < ScopeCounts.LEVELS; l++) {
                max = Math.max(max, s.waveform(c, l));
            }
        }
        for (int c = 0; c < s.columns(); c++) {
            for (int l = 0; l < ScopeCounts.LEVELS; l++) {
                int n = s.waveform(c, l);
                if (n > 0) {
                    int y = height - 1 - l * (height - 1) / (ScopeCounts.LEVELS - 1);
                    int v = Math.max(img.get(c, y, 1), intensity(n, max));
                    img.set(c, y, v / 4, v, v / 4);
                }
            }
        }
        graticule(img, height);
        return img;
    }

    /** The RGB parade: three waveforms side by side. */
    public static DisplayImage parade(ScopeCounts s, int height) {
        int w = s.columns();
        DisplayImage img = new DisplayImage(3 * w, height);
        int max = 1;
        for (int ch = 0; ch < 3; ch++) {
            for (int c = 0; c < w; c++) {
                for (int l = 0; l < ScopeCounts.LEVELS; l++) {
                    max = Math.max(max, s.parade(ch, c, l));
                }
            }
        }
        for (int ch = 0; ch < 3; ch++) {
            for (int c = 0; c < w; c++) {
                for (int l = 0; l < ScopeCounts.LEVELS; l++) {
                    int n = s.parade(ch, c, l);
                    if (n > 0) {
                        int y = height - 1 - l * (height - 1) / (ScopeCounts.LEVELS - 1);
                        int v = intensity(n, max);
                        img.set(ch * w + c, y, ch == 0 ? v : v / 5, ch == 1 ? v : v / 5, ch == 2 ? v : v / 5);
                    }
                }
            }
        }
        graticule(img, height);
        return img;
    }

    private static void graticule(DisplayImage img, int height) {
        // Display code values: 0, 25, 50, 75 and 100% of full scale.
        for (int code : new int[] {0, 256, 512, 767, 1023}) {
            int y = height - 1 - code * (height - 1) / (ScopeCounts.LEVELS - 1);
            for (int x = 0; x < img.width(); x += 2) {
                if (img.get(x, y, 0) == 0 && img.get(x, y, 1) == 0) {
                    img.set(x, y, 300, 300, 300);
                }
            }
        }
    }

    /** The vectorscope with targets (75%: small boxes, 100%: larger boxes) and the skin-tone line. */
    public static DisplayImage vectorscope(ScopeCounts s) {
        int n = s.vectorSize();
        DisplayImage img = new DisplayImage(n, n);
        int max = 1;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                max = Math.max(max, s.vector(x, y));
            }
        }
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                int c = s.vector(x, y);
                if (c > 0) {
                    // A 3×3 spot per cell so that flat fields read as dots, not single pixels.
                    int v = intensity(c, max);
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            int px = x + dx, py = y + dy;
                            if (px >= 0 && py >= 0 && px < n && py < n && img.get(px, py, 1) < v) {
                                img.set(px, py, v / 4, v, v / 4);
                            }
                        }
                    }
                }
            }
        }
        int[] skin = s.skinToneLineEnd();
        int cx = (n - 1) / 2;
        for (int i = 0; i <= 100; i++) {
            int x = cx + (skin[0] - cx) * i / 100, y = cx + (skin[1] - cx) * i / 100;
            img.set(x, y, 900, 600, 400);
        }
        int[][] t75 = s.barTargets(0.75), t100 = s.barTargets(1.0);
        for (int i = 0; i < 6; i++) {
            box(img, t75[i], 3);
            box(img, t100[i], 6);
        }
        return img;
    }

    private static void box(DisplayImage img, int[] c, int r) {
        for (int d = -r; d <= r; d++) {
            set(img, c[0] + d, c[1] - r);
            set(img, c[0] + d, c[1] + r);
            set(img, c[0] - r, c[1] + d);
            set(img, c[0] + r, c[1] + d);
        }
    }

    private static void set(DisplayImage img, int x, int y) {
        if (x >= 0 && y >= 0 && x < img.width() && y < img.height()) {
            img.set(x, y, 940, 940, 200);
        }
    }
}
