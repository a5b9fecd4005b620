package dev.xsight.colour;

import java.util.Arrays;

/**
 * One ASC colour decision: slope, offset, power per channel and saturation (ASC CDL v1.2).
 *
 * @param id the ColorCorrection id, or "" when the file gives none
 */
public record Cdl(String id, double[] slope, double[] offset, double[] power, double saturation) {

    public Cdl {
        slope = check("slope", slope);
        offset = check("offset", offset);
        power = check("power", power);
        for (int k = 0; k < 3; k++) {
            if (slope[k] < 0) {
                throw new IllegalArgumentException("CDL slope must not be negative: " + slope[k]);
            }
            if (power[k] <= 0) {
                throw new IllegalArgumentException("CDL power must be positive: " + power[k]);
            }
        }
        if (!Double.isFinite(saturation) || saturation < 0) {
            throw new IllegalArgumentException("CDL saturation must be a finite value >= 0: " + saturation);
        }
    }

    public static final Cdl IDENTITY = new Cdl("", new double[] {1, 1, 1}, new double[3], new double[] {1, 1, 1}, 1);

    private static double[] check(String what, double[] v) {
        if (v == null || v.length != 3) {
            throw new IllegalArgumentException("CDL " + what + " needs 3 values");
        }
        for (double d : v) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("CDL " + what + " has a non-finite value: " + d);
            }
        }
        return v.clone();
    }

    @Override
    public double[] slope() {
        return slope.clone();
    }

    @Override
    public double[] offset() {
        return offset.clone();
    }

    @Override
    public double[] power() {
        return power.clone();
    }

    @Override
    public String toString() {
        return (id.isEmpty() ? "" : id + " ") + "slope " + Arrays.toString(slope) + " offset " + Arrays.toString(offset)
                + " power " + Arrays.toString(power) + " sat " + saturation;
    }
}
