package dev.xsight.colour;

import static dev.xsight.colour.GlslBuilder.vec3;

/**
 * The CLF Log node (SMPTE ST 2136-1 §7.8 / CLF v3): {@code y = logSlope·log_base(linSlope·x + linOffset) +
 * logOffset}, optionally with a linear segment below {@code linBreak} ("camera" styles). Parameters are per
 * channel. {@code toLog} false runs the inverse (log → lin).
 */
public record LogOp(boolean toLog, double base, double[] logSlope, double[] logOffset, double[] linSlope,
        double[] linOffset, double[] linBreak, double[] linearSlope) implements ColourOp {

    private static final double FLT_MIN = 1.17549435e-38;

    public LogOp {
        if (!(base > 0) || base == 1) {
            throw new IllegalArgumentException("log base must be positive and not 1: " + base);
        }
        logSlope = logSlope.clone();
        logOffset = logOffset.clone();
        linSlope = linSlope.clone();
        linOffset = linOffset.clone();
        linBreak = linBreak == null ? null : linBreak.clone();
        linearSlope = linearSlope == null ? null : linearSlope.clone();
        for (int k = 0; k < 3; k++) {
            if (logSlope[k] == 0 || linSlope[k] == 0) {
                throw new IllegalArgumentException("log slopes must not be 0");
            }
        }
    }

    /** Plain {@code log_base(x)} ({@code log10}, {@code log2}) or its inverse ({@code antiLog}). */
    public static LogOp plain(double base, boolean toLog) {
        double[] one = {1, 1, 1}, zero = {0, 0, 0};
        return new LogOp(toLog, base, one, zero, one, zero, null, null);
    }

    private double slope(int k) {
        if (linearSlope != null && !Double.isNaN(linearSlope[k])) {
            return linearSlope[k];
        }
        double x = linSlope[k] * linBreak[k] + linOffset[k];
        return logSlope[k] * linSlope[k] / (x * Math.log(base));
    }

    private double linOffsetOfSegment(int k) {
        double yb = logSlope[k] * Math.log(linSlope[k] * linBreak[k] + linOffset[k]) / Math.log(base) + logOffset[k];
        return yb - slope(k) * linBreak[k];
    }

    @Override
    public void apply(double[] p, int i) {
        double lnb = Math.log(base);
        for (int k = 0; k < 3; k++) {
            double v = p[i + k];
            if (toLog) {
                if (linBreak != null && v <= linBreak[k]) {
                    p[i + k] = slope(k) * v + linOffsetOfSegment(k);
                } else {
                    p[i + k] = logSlope[k] * Math.log(Math.max(linSlope[k] * v + linOffset[k], FLT_MIN)) / lnb
                            + logOffset[k];
                }
            } else {
                double yb = linBreak == null ? Double.NEGATIVE_INFINITY : slope(k) * linBreak[k] + linOffsetOfSegment(k);
                if (linBreak != null && v <= yb) {
                    p[i + k] = (v - linOffsetOfSegment(k)) / slope(k);
                } else {
                    p[i + k] = (Math.pow(base, (v - logOffset[k]) / logSlope[k]) - linOffset[k]) / linSlope[k];
                }
            }
        }
    }

    @Override
    public void emitGlsl(GlslBuilder out, String name) {
        String lb = GlslBuilder.lit(Math.log(base));
        String ls = vec3(logSlope), lo = vec3(logOffset), ns = vec3(linSlope), no = vec3(linOffset);
        StringBuilder b = new StringBuilder("vec3 " + name + "(vec3 c) {\n");
        if (toLog) {
            b.append("  vec3 y = ").append(ls).append(" * log(max(").append(ns).append(" * c + ").append(no)
                    .append(", vec3(1.17549435e-38))) / ").append(lb).append(" + ").append(lo).append(";\n");
            if (linBreak != null) {
                double[] s = {slope(0), slope(1), slope(2)};
                double[] o = {linOffsetOfSegment(0), linOffsetOfSegment(1), linOffsetOfSegment(2)};
                b.append("  y = mix(y, ").append(vec3(s)).append(" * c + ").append(vec3(o)).append(", lessThanEqual(c, ")
                        .append(vec3(linBreak)).append("));\n");
            }
        } else {
            b.append("  vec3 y = (exp(((c - ").append(lo).append(") / ").append(ls).append(") * ").append(lb)
                    .append(") - ").append(no).append(") / ").append(ns).append(";\n");
            if (linBreak != null) {
                double[] s = {slope(0), slope(1), slope(2)};
                double[] o = {linOffsetOfSegment(0), linOffsetOfSegment(1), linOffsetOfSegment(2)};
                double[] yb = {s[0] * linBreak[0] + o[0], s[1] * linBreak[1] + o[1], s[2] * linBreak[2] + o[2]};
                b.append("  y = mix(y, (c - ").append(vec3(o)).append(") / ").append(vec3(s)).append(", lessThanEqual(c, ")
                        .append(vec3(yb)).append("));\n");
            }
        }
        b.append("  return y;\n}\n");
        out.append(b.toString());
    }

    @Override
    public String describe() {
        return (toLog ? "lin-to-log" : "log-to-lin") + " base " + base;
    }
}
