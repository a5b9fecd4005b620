package dev.xsight.qc;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code qc} CLI's lines: one JSON object per event ({@code {"event", "tc_in", "tc_out", "severity",
 * "first_frame", "last_frame", "frames", ...values}}, values in name order; a transport {@code leg} as its letter)
 * and the final {@code {"summary": {...}}}.
 */
public final class QcJson {
    private QcJson() {
    }

    /** One event line. */
    public static String event(QcEvent e, QcProfile profile) {
        StringBuilder b = new StringBuilder(200);
        b.append("{\"event\":\"").append(e.type().word()).append('"');
        b.append(",\"tc_in\":\"").append(e.tcIn()).append('"');
        b.append(",\"tc_out\":\"").append(e.tcOut()).append('"');
        b.append(",\"severity\":\"").append(profile.severity(e.type()).label()).append('"');
        b.append(",\"first_frame\":").append(e.firstFrame());
        b.append(",\"last_frame\":").append(e.lastFrame());
        b.append(",\"frames\":").append(e.frames());
        for (Map.Entry<String, Double> v : new TreeMap<>(e.values()).entrySet()) {
            b.append(",\"").append(v.getKey()).append("\":");
            if (v.getKey().equals("leg")) {
                b.append('"').append((char) ('A' + v.getValue().intValue())).append('"');
            } else {
                b.append(number(v.getValue()));
            }
        }
        return b.append('}').toString();
    }

    /** A value as JSON: whole numbers without a fraction, others to 4 decimals, NaN and infinities as null. */
    public static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "null";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
