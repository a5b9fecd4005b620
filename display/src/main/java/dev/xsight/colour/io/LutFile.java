package dev.xsight.colour.io;
import dev.xsight.colour.ColourOp;
import dev.xsight.colour.Lut1dOp;
import dev.xsight.colour.Lut3dOp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Readers for text LUT files: {@code .cube} (Adobe Cube LUT Specification 1.0 with DOMAIN_MIN/MAX, and the
 * Resolve dialect with LUT_1D_INPUT_RANGE / LUT_3D_INPUT_RANGE and a 1D shaper before the cube) and {@code .3dl}
 * (Autodesk Lustre/Flame: a mesh line of input codes, then integer RGB with blue fastest). Sizes are checked
 * before anything is allocated. Pure functions; thread-safe.
 */
public final class LutFile {
    private LutFile() {
    }

    /** The ops of a LUT file, in order (a 1D shaper, then a 3D cube, either optional). */
    public static List<ColourOp> read(Path path, Lut3dOp.Interpolation interp) throws IOException {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".clf") || name.endsWith(".ctf") || name.endsWith(".xml")) {
            // A CLF given as a LUT: its own nodes, with a LUT3D's interpolation replaced by the one asked for.
            List<ColourOp> ops = new ArrayList<>();
            for (ColourOp op : ClfFile.read(path)) {
                ops.add(op instanceof Lut3dOp l ? l.withInterpolation(interp) : op);
            }
            return ops;
        }
        try (InputStream in = Files.newInputStream(path)) {
            if (name.endsWith(".3dl")) {
                return List.of(read3dl(in, path.toString(), interp));
            }
            if (name.endsWith(".cube")) {
                return readCube(in, path.toString(), interp);
            }
        }
        throw new ColourFileException(path.toString(), 0, "unknown LUT format (expected .cube, .3dl or .clf)");
    }

    public static List<ColourOp> readCube(InputStream in, String file, Lut3dOp.Interpolation interp) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int size1 = 0, size3 = 0;
        double[] dmin = {0, 0, 0}, dmax = {1, 1, 1};
        double[] range1 = null, range3 = null;
        boolean domainGiven = false;
        float[] data1 = null, data3 = null;
        int filled1 = 0, filled3 = 0;
        String line;
        int no = 0;
        while ((line = r.readLine()) != null) {
            no++;
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            char c0 = s.charAt(0);
            boolean numeric = c0 == '-' || c0 == '+' || c0 == '.' || Character.isDigit(c0);
            if (!numeric) {
                if (data1 != null && filled1 > 0 || data3 != null && filled3 > 0) {
                    throw new ColourFileException(file, no, "keyword after table data: " + abbreviate(s));
                }
                String[] t = s.split("\\s+");
                String key = t[0].toUpperCase(Locale.ROOT);
                switch (key) {
                    case "TITLE" -> { }
                    case "LUT_1D_SIZE" -> size1 = size(file, no, t, Lut1dOp.MAX_SIZE);
                    case "LUT_3D_SIZE" -> size3 = size(file, no, t, Lut3dOp.MAX_SIZE);
                    case "DOMAIN_MIN" -> {
                        dmin = numbers(file, no, t, 3);
                        domainGiven = true;
                    }
                    case "DOMAIN_MAX" -> {
                        dmax = numbers(file, no, t, 3);
                        domainGiven = true;
                    }
                    case "LUT_1D_INPUT_RANGE" -> range1 = numbers(file, no, t, 2);
                    case "LUT_3D_INPUT_RANGE" -> range3 = numbers(file, no, t, 2);
                    default -> throw new ColourFileException(file, no, "unknown keyword " + abbreviate(t[0]));
                }
                continue;
            }
            if (size1 == 0 && size3 == 0) {
                throw new ColourFileException(file, no, "table data before LUT_1D_SIZE or LUT_3D_SIZE");
            }
            if (data1 == null && size1 > 0) {
                data1 = new float[size1 * 3];
            }
            if (data3 == null && size3 > 0) {
                data3 = new float[size3 * size3 * size3 * 3];
            }
            double[] v = tableRow(file, no, ("x " + s).split("\\s+"));
            if (data1 != null && filled1 < size1) {
                put(data1, filled1++, v);
            } else if (data3 != null && filled3 < size3 * size3 * size3) {
                put(data3, filled3++, v);
            } else {
                throw new ColourFileException(file, no, "more table rows than the declared size");
            }
        }
        if (size1 == 0 && size3 == 0) {
            throw new ColourFileException(file, no, "no LUT_1D_SIZE or LUT_3D_SIZE");
        }
        if (size1 > 0 && filled1 != size1) {
            throw new ColourFileException(file, no, "1D table has " + filled1 + " rows, LUT_1D_SIZE says " + size1);
        }
        if (size3 > 0 && filled3 != size3 * size3 * size3) {
            throw new ColourFileException(file, no, "3D table has " + filled3 + " rows, LUT_3D_SIZE " + size3 + " needs "
                    + size3 * size3 * size3);
        }
        List<ColourOp> ops = new ArrayList<>();
        try {
            if (size1 > 0) {
                double[][] d = domain(range1, domainGiven ? new double[][] {dmin, dmax} : null);
                ops.add(new Lut1dOp(size1, data1, d[0], d[1], file));
            }
            if (size3 > 0) {
                // Resolve: a cube after a shaper takes the shaper's output, [0, 1], unless given its own range.
                double[][] d = domain(range3, size1 == 0 && domainGiven ? new double[][] {dmin, dmax} : null);
                ops.add(new Lut3dOp(size3, data3, d[0], d[1], interp, file));
            }
        } catch (IllegalArgumentException e) {
            throw new ColourFileException(file, 0, e.getMessage(), e);
        }
        return ops;
    }

    private static double[][] domain(double[] range, double[][] minMax) {
        if (range != null) {
            return new double[][] {{range[0], range[0], range[0]}, {range[1], range[1], range[1]}};
        }
        if (minMax != null) {
            return minMax;
        }
        return new double[][] {{0, 0, 0}, {1, 1, 1}};
    }

    /** Reads a {@code .3dl}: mesh line of N input codes, then N³ integer rows, blue index fastest. */
    public static Lut3dOp read3dl(InputStream in, String file, Lut3dOp.Interpolation interp) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int no = 0;
        double[] mesh = null;
        float[] raw = null;
        int n = 0, filled = 0;
        double maxValue = 0;
        int outBits = 0;
        while ((line = r.readLine()) != null) {
            no++;
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            String[] t = s.split("\\s+");
            if (t[0].equalsIgnoreCase("3DMESH")) {
                continue;
            }
            if (t[0].equalsIgnoreCase("Mesh") || t[0].equalsIgnoreCase("LUT8") || t[0].equalsIgnoreCase("gamma")) {
                if (t[0].equalsIgnoreCase("Mesh") && t.length == 3) {
                    outBits = (int) numbers(file, no, t, 2)[1];
                }
                continue;
            }
            if (mesh == null) {
                if (t.length < 2 || t.length > Lut3dOp.MAX_SIZE) {
                    throw new ColourFileException(file, no, "mesh line must list 2.." + Lut3dOp.MAX_SIZE
                            + " input codes, found " + t.length);
                }
                mesh = numbers(file, no, prefix(t), t.length);
                n = mesh.length;
                raw = new float[n * n * n * 3];
                continue;
            }
            if (t.length != 3) {
                throw new ColourFileException(file, no, "expected 3 values, found " + t.length);
            }
            if (filled >= n * n * n) {
                throw new ColourFileException(file, no, "more rows than the " + n + "³ mesh needs");
            }
            double[] v = tableRow(file, no, prefix(t));
            // .3dl order: red slowest, blue fastest → store red fastest.
            int bi = filled % n, gi = (filled / n) % n, ri = filled / (n * n);
            int idx = ri + n * gi + n * n * bi;
            for (int k = 0; k < 3; k++) {
                raw[idx * 3 + k] = (float) v[k];
                maxValue = Math.max(maxValue, v[k]);
            }
            filled++;
        }
        if (mesh == null) {
            throw new ColourFileException(file, no, "no mesh line");
        }
        if (filled != n * n * n) {
            throw new ColourFileException(file, no, "table has " + filled + " rows, a " + n + "³ mesh needs " + n * n * n);
        }
        double inMax = bitsMax(mesh[n - 1]);
        double outMax = outBits > 0 ? Math.pow(2, outBits) - 1 : bitsMax(maxValue);
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (float) (raw[i] / outMax);
        }
        double top = mesh[n - 1] / inMax;
        try {
            return new Lut3dOp(n, raw, new double[] {mesh[0] / inMax, mesh[0] / inMax, mesh[0] / inMax},
                    new double[] {top, top, top}, interp, file);
        } catch (IllegalArgumentException e) {
            throw new ColourFileException(file, 0, e.getMessage(), e);
        }
    }

    /**
     * The full-scale code of the likely bit depth of integer LUT values whose largest is {@code v}: the first even
     * depth from 8 whose 2^(d+1) − 1 still holds it, 14 read as 16 (the rule OpenColorIO's .3dl reader uses, so that
     * slightly overshooting tables are not taken for the next depth).
     */
    private static double bitsMax(double v) {
        for (int d = 8; d <= 16; d += 2) {
            if (v <= Math.pow(2, d + 1) - 1) {
                return Math.pow(2, d == 14 ? 16 : d) - 1;
            }
        }
        return Math.pow(2, 16) - 1;
    }

    private static String[] prefix(String[] t) {
        String[] p = new String[t.length + 1];
        p[0] = "";
        System.arraycopy(t, 0, p, 1, t.length);
        return p;
    }

    private static void put(float[] d, int row, double[] v) {
        d[row * 3] = (float) v[0];
        d[row * 3 + 1] = (float) v[1];
        d[row * 3 + 2] = (float) v[2];
    }

    private static int size(String file, int no, String[] t, int max) {
        if (t.length != 2) {
            throw new ColourFileException(file, no, t[0] + " needs one integer");
        }
        long n;
        try {
            n = Long.parseLong(t[1]);
        } catch (NumberFormatException e) {
            throw new ColourFileException(file, no, t[0] + " is not an integer: " + abbreviate(t[1]));
        }
        if (n < 2 || n > max) {
            throw new ColourFileException(file, no, t[0] + " " + n + " is outside 2.." + max);
        }
        return (int) n;
    }

    /** Parses the three numbers of a table row from tokens 1..3; each must fit a 32-bit float, as tables are kept. */
    private static double[] tableRow(String file, int no, String[] t) {
        double[] v = numbers(file, no, t, 3);
        for (double d : v) {
            if (!Float.isFinite((float) d)) {
                throw new ColourFileException(file, no, "value " + d + " is beyond the 32-bit float range");
            }
        }
        return v;
    }

    /** Parses {@code count} finite numbers from tokens 1..count. */
    static double[] numbers(String file, int no, String[] t, int count) {
        if (t.length - 1 != count) {
            throw new ColourFileException(file, no, "expected " + count + " numbers, found " + (t.length - 1));
        }
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            v[i] = number(file, no, t[i + 1]);
        }
        return v;
    }

    static double number(String file, int no, String s) {
        double d;
        try {
            d = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new ColourFileException(file, no, "not a number: " + abbreviate(s));
        }
        if (!Double.isFinite(d) || s.endsWith("d") || s.endsWith("D") || s.endsWith("f") || s.endsWith("F")) {
            throw new ColourFileException(file, no, "not a finite number: " + abbreviate(s));
        }
        return d;
    }

    static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
