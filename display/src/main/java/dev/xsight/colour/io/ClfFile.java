package dev.xsight.colour.io;
import dev.xsight.colour.Cdl;
import dev.xsight.colour.CdlOp;
import dev.xsight.colour.ColourOp;
import dev.xsight.colour.ExponentOp;
import dev.xsight.colour.LogOp;
import dev.xsight.colour.Lut1dOp;
import dev.xsight.colour.Lut3dOp;
import dev.xsight.colour.Matrix3;
import dev.xsight.colour.MatrixOp;
import dev.xsight.colour.RangeOp;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads Common LUT Format files (SMPTE ST 2136-1 / Academy CLF v3): a ProcessList of Matrix, LUT1D, LUT3D, Range,
 * Log, Exponent and ASC_CDL nodes. Node bit depths (8i, 10i, 12i, 16i, 16f, 32f) scale the parameters so that the
 * ops work on normalised values. Array sizes are checked against their {@code dim} before allocation.
 */
public final class ClfFile {
    private ClfFile() {
    }

    public static List<ColourOp> read(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return read(in, path.toString());
        }
    }

    public static List<ColourOp> read(InputStream in, String file) throws IOException {
        XmlTree root = XmlTree.parse(in, file);
        if (!root.name().equals("ProcessList")) {
            throw new ColourFileException(file, root.line(), "root element is <" + root.name() + ">, not <ProcessList>");
        }
        List<ColourOp> ops = new ArrayList<>();
        for (XmlTree node : root.children()) {
            switch (node.name()) {
                case "Description", "InputDescriptor", "OutputDescriptor", "Info" -> { }
                default -> {
                    try {
                        ops.add(node(node, file));
                    } catch (ColourFileException e) {
                        throw e;
                    } catch (IllegalArgumentException e) {
                        throw new ColourFileException(file, node.line(), "<" + node.name() + ">: " + e.getMessage(), e);
                    }
                }
            }
        }
        return ops;
    }

    private static ColourOp node(XmlTree n, String file) {
        double in = scale(n, "inBitDepth", file), out = scale(n, "outBitDepth", file);
        return switch (n.name()) {
            case "Matrix" -> matrix(n, file, in, out);
            case "LUT1D" -> lut1d(n, file, out);
            case "LUT3D" -> lut3d(n, file, out);
            case "Range" -> range(n, file, in, out);
            case "Log" -> log(n, file);
            case "Exponent" -> exponent(n, file);
            case "ASC_CDL" -> cdl(n, file);
            default -> throw new ColourFileException(file, n.line(), "unsupported CLF node <" + n.name() + ">");
        };
    }

    private static double scale(XmlTree n, String attr, String file) {
        String v = n.attr(attr);
        if (v == null) {
            throw new ColourFileException(file, n.line(), "<" + n.name() + "> has no " + attr);
        }
        return switch (v) {
            case "8i" -> 255;
            case "10i" -> 1023;
            case "12i" -> 4095;
            case "16i" -> 65535;
            case "16f", "32f" -> 1;
            default -> throw new ColourFileException(file, n.line(), "unknown " + attr + " '" + LutFile.abbreviate(v) + "'");
        };
    }

    /** The numbers of an {@code Array} child whose {@code dim} must match {@code expectDims} (a null entry = any). */
    private static double[] array(XmlTree n, String file, int[] dims) {
        XmlTree a = n.child("Array").orElseThrow(
                () -> new ColourFileException(file, n.line(), "<" + n.name() + "> has no <Array>"));
        String dim = a.attr("dim");
        if (dim == null) {
            throw new ColourFileException(file, a.line(), "<Array> has no dim");
        }
        String[] d = dim.strip().split("\\s+");
        if (d.length != dims.length) {
            throw new ColourFileException(file, a.line(), "<Array dim=\"" + LutFile.abbreviate(dim) + "\"> should have "
                    + dims.length + " numbers");
        }
        long count = 1;
        for (int i = 0; i < d.length; i++) {
            long v;
            try {
                v = Long.parseLong(d[i]);
            } catch (NumberFormatException e) {
                throw new ColourFileException(file, a.line(), "dim is not an integer: " + LutFile.abbreviate(d[i]));
            }
            if (v < 1 || v > 1 << 20) {
                throw new ColourFileException(file, a.line(), "dim " + v + " is out of range");
            }
            if (dims[i] < 0) {
                dims[i] = (int) v;
            } else if (dims[i] != v) {
                throw new ColourFileException(file, a.line(), "dim \"" + dim + "\" not allowed here");
            }
            count *= v;
        }
        if (count > 3L * Lut3dOp.MAX_SIZE * Lut3dOp.MAX_SIZE * Lut3dOp.MAX_SIZE || count > 3L * Lut1dOp.MAX_SIZE * 16) {
            throw new ColourFileException(file, a.line(), "array of " + count + " values is too large");
        }
        String text = a.text();
        double[] v = new double[(int) count];
        int i = 0;
        int pos = 0, len = text.length();
        while (pos < len) {
            while (pos < len && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            if (pos >= len) {
                break;
            }
            int end = pos;
            while (end < len && !Character.isWhitespace(text.charAt(end))) {
                end++;
            }
            if (i >= count) {
                throw new ColourFileException(file, a.line(), "<Array> has more than the " + count + " values dim says");
            }
            v[i++] = LutFile.number(file, a.line(), text.substring(pos, end));
            pos = end;
        }
        if (i != count) {
            throw new ColourFileException(file, a.line(), "<Array> has " + i + " values, dim says " + count);
        }
        return v;
    }

    private static ColourOp matrix(XmlTree n, String file, double in, double out) {
        XmlTree a = n.child("Array").orElseThrow(() -> new ColourFileException(file, n.line(), "<Matrix> has no <Array>"));
        String dim = a.attr("dim") == null ? "" : a.attr("dim").strip();
        boolean offsets = dim.startsWith("3 4");
        int[] dims = dim.split("\\s+").length == 3 ? new int[] {3, offsets ? 4 : 3, 3} : new int[] {3, offsets ? 4 : 3};
        double[] v = array(n, file, dims);
        int cols = offsets ? 4 : 3;
        double[] m = new double[9];
        double[] o = new double[3];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                m[r * 3 + c] = v[r * cols + c] * in / out;
            }
            if (offsets) {
                o[r] = v[r * cols + 3] / out;
            }
        }
        return new MatrixOp(Matrix3.of(m), o, "CLF matrix");
    }

    private static ColourOp lut1d(XmlTree n, String file, double out) {
        if ("true".equalsIgnoreCase(n.attr("halfDomain")) || n.child("IndexMap").isPresent()) {
            throw new ColourFileException(file, n.line(), "LUT1D halfDomain and IndexMap are not supported");
        }
        int[] dims = {-1, -1};
        double[] v = array(n, file, dims);
        int size = dims[0], ch = dims[1];
        if (ch != 1 && ch != 3) {
            throw new ColourFileException(file, n.line(), "LUT1D needs 1 or 3 channels, dim says " + ch);
        }
        if (size < 2 || size > Lut1dOp.MAX_SIZE) {
            throw new ColourFileException(file, n.line(), "LUT1D length " + size + " outside 2.." + Lut1dOp.MAX_SIZE);
        }
        float[] t = new float[size * 3];
        for (int i = 0; i < size; i++) {
            for (int k = 0; k < 3; k++) {
                t[i * 3 + k] = (float) (v[i * ch + (ch == 1 ? 0 : k)] / out);
            }
        }
        return new Lut1dOp(size, t, new double[] {0, 0, 0}, new double[] {1, 1, 1}, "CLF LUT1D");
    }

    private static ColourOp lut3d(XmlTree n, String file, double out) {
        int[] dims = {-1, -1, -1, 3};
        double[] v = array(n, file, dims);
        int size = dims[0];
        if (dims[1] != size || dims[2] != size || size < 2 || size > Lut3dOp.MAX_SIZE) {
            throw new ColourFileException(file, n.line(), "LUT3D must be a cube of edge 2.." + Lut3dOp.MAX_SIZE);
        }
        float[] t = new float[size * size * size * 3];
        // CLF order: blue fastest; ours: red fastest.
        for (int ri = 0; ri < size; ri++) {
            for (int gi = 0; gi < size; gi++) {
                for (int bi = 0; bi < size; bi++) {
                    int src = ((ri * size + gi) * size + bi) * 3;
                    int dst = (ri + size * gi + size * size * bi) * 3;
                    for (int k = 0; k < 3; k++) {
                        t[dst + k] = (float) (v[src + k] / out);
                    }
                }
            }
        }
        String interp = n.attr("interpolation");
        Lut3dOp.Interpolation i = "tetrahedral".equalsIgnoreCase(interp) ? Lut3dOp.Interpolation.TETRAHEDRAL
                : Lut3dOp.Interpolation.TRILINEAR;
        return new Lut3dOp(size, t, new double[] {0, 0, 0}, new double[] {1, 1, 1}, i, "CLF LUT3D");
    }

    private static ColourOp range(XmlTree n, String file, double in, double out) {
        Double minIn = value(n, "minInValue", file), maxIn = value(n, "maxInValue", file);
        Double minOut = value(n, "minOutValue", file), maxOut = value(n, "maxOutValue", file);
        boolean clamp = !"noClamp".equalsIgnoreCase(n.attr("style"));
        if ((minIn == null) != (minOut == null) || (maxIn == null) != (maxOut == null) || minIn == null && maxIn == null) {
            throw new ColourFileException(file, n.line(), "Range needs minIn/minOut and/or maxIn/maxOut in pairs");
        }
        if (minIn != null && maxIn != null) {
            double a = minIn / in, b = maxIn / in, c = minOut / out, d = maxOut / out;
            if (a == b) {
                throw new ColourFileException(file, n.line(), "Range minInValue equals maxInValue");
            }
            double s = (d - c) / (b - a);
            return new RangeOp(s, c - s * a, clamp ? Math.min(c, d) : Double.NEGATIVE_INFINITY,
                    clamp ? Math.max(c, d) : Double.POSITIVE_INFINITY);
        }
        if (minIn != null) {
            double off = minOut / out - minIn / in;
            return new RangeOp(1, off, clamp ? minOut / out : Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        }
        double off = maxOut / out - maxIn / in;
        return new RangeOp(1, off, Double.NEGATIVE_INFINITY, clamp ? maxOut / out : Double.POSITIVE_INFINITY);
    }

    private static Double value(XmlTree n, String child, String file) {
        return n.child(child).map(e -> LutFile.number(file, e.line(), e.text())).orElse(null);
    }

    private static ColourOp log(XmlTree n, String file) {
        String style = n.attr("style");
        if (style == null) {
            throw new ColourFileException(file, n.line(), "Log has no style");
        }
        return switch (style) {
            case "log10" -> LogOp.plain(10, true);
            case "antiLog10" -> LogOp.plain(10, false);
            case "log2" -> LogOp.plain(2, true);
            case "antiLog2" -> LogOp.plain(2, false);
            case "linToLog", "logToLin", "cameraLinToLog", "cameraLogToLin" -> {
                boolean camera = style.startsWith("camera");
                double[] base = {2, 2, 2}, logS = {1, 1, 1}, logO = {0, 0, 0}, linS = {1, 1, 1}, linO = {0, 0, 0};
                double[] brk = camera ? new double[] {Double.NaN, Double.NaN, Double.NaN} : null;
                double[] linear = camera ? new double[] {Double.NaN, Double.NaN, Double.NaN} : null;
                List<XmlTree> params = n.all("LogParams");
                if (params.isEmpty()) {
                    throw new ColourFileException(file, n.line(), "Log style " + style + " needs LogParams");
                }
                for (XmlTree p : params) {
                    for (int k : channels(p, file)) {
                        base[k] = attr(p, "base", base[k], file);
                        logS[k] = attr(p, "logSideSlope", logS[k], file);
                        logO[k] = attr(p, "logSideOffset", logO[k], file);
                        linS[k] = attr(p, "linSideSlope", linS[k], file);
                        linO[k] = attr(p, "linSideOffset", linO[k], file);
                        if (camera) {
                            brk[k] = attr(p, "linSideBreak", Double.NaN, file);
                            linear[k] = attr(p, "linearSlope", Double.NaN, file);
                            if (Double.isNaN(brk[k])) {
                                throw new ColourFileException(file, p.line(), "camera log needs linSideBreak");
                            }
                        }
                    }
                }
                if (base[0] != base[1] || base[1] != base[2]) {
                    throw new ColourFileException(file, n.line(), "per-channel log bases are not supported");
                }
                yield new LogOp(style.endsWith("LinToLog") || style.equals("linToLog"), base[0], logS, logO, linS, linO,
                        brk, linear);
            }
            default -> throw new ColourFileException(file, n.line(), "unknown Log style '" + LutFile.abbreviate(style) + "'");
        };
    }

    private static int[] channels(XmlTree p, String file) {
        String c = p.attr("channel");
        if (c == null) {
            return new int[] {0, 1, 2};
        }
        return switch (c.toUpperCase(Locale.ROOT)) {
            case "R" -> new int[] {0};
            case "G" -> new int[] {1};
            case "B" -> new int[] {2};
            default -> throw new ColourFileException(file, p.line(), "unknown channel '" + LutFile.abbreviate(c) + "'");
        };
    }

    private static double attr(XmlTree p, String name, double dflt, String file) {
        String v = p.attr(name);
        return v == null ? dflt : LutFile.number(file, p.line(), v.strip());
    }

    private static ColourOp exponent(XmlTree n, String file) {
        String style = n.attr("style");
        if (style == null) {
            throw new ColourFileException(file, n.line(), "Exponent has no style");
        }
        boolean rev = style.endsWith("Rev");
        ExponentOp.Style s = switch (style) {
            case "basicFwd", "basicRev" -> ExponentOp.Style.BASIC;
            case "basicMirrorFwd", "basicMirrorRev" -> ExponentOp.Style.BASIC_MIRROR;
            case "basicPassThruFwd", "basicPassThruRev" -> ExponentOp.Style.BASIC_PASS_THRU;
            case "monCurveFwd", "monCurveRev" -> ExponentOp.Style.MONCURVE;
            case "monCurveMirrorFwd", "monCurveMirrorRev" -> ExponentOp.Style.MONCURVE_MIRROR;
            default -> throw new ColourFileException(file, n.line(), "unknown Exponent style '" + LutFile.abbreviate(style) + "'");
        };
        double[] e = {Double.NaN, Double.NaN, Double.NaN}, o = {0, 0, 0};
        for (XmlTree p : n.all("ExponentParams")) {
            for (int k : channels(p, file)) {
                e[k] = attr(p, "exponent", Double.NaN, file);
                o[k] = attr(p, "offset", 0, file);
            }
        }
        for (double x : e) {
            if (Double.isNaN(x)) {
                throw new ColourFileException(file, n.line(), "Exponent needs an exponent for every channel");
            }
        }
        return new ExponentOp(s, rev, e, o);
    }

    private static ColourOp cdl(XmlTree n, String file) {
        String style = n.attr("style") == null ? "Fwd" : n.attr("style");
        Cdl c = CdlFile.parse(n, file);
        return switch (style) {
            case "Fwd", "v1.2_Fwd" -> new CdlOp(c, CdlOp.Style.ASC, false);
            case "Rev", "v1.2_Rev" -> new CdlOp(c, CdlOp.Style.ASC, true);
            case "FwdNoClamp", "noClampFwd" -> new CdlOp(c, CdlOp.Style.NO_CLAMP, false);
            case "RevNoClamp", "noClampRev" -> new CdlOp(c, CdlOp.Style.NO_CLAMP, true);
            default -> throw new ColourFileException(file, n.line(), "unknown ASC_CDL style '" + LutFile.abbreviate(style) + "'");
        };
    }
}
