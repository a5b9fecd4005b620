package dev.xsight.export;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Column lookup by header name, case-insensitive, accepting alternative names. */
final class CsvHeader {
    private final Map<String, Integer> index = new HashMap<>();

    CsvHeader(List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            index.putIfAbsent(key(names.get(i)), i);
        }
    }

    /** Column of the first of {@code names} present, or -1. */
    int find(String... names) {
        for (String n : names) {
            Integer i = index.get(key(n));
            if (i != null) {
                return i;
            }
        }
        return -1;
    }

    /** The field at {@code column}, or "" when the column or the field is absent. */
    static String get(List<String> fields, int column) {
        return column >= 0 && column < fields.size() ? fields.get(column).trim() : "";
    }

    private static String key(String s) {
        return s.trim().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
