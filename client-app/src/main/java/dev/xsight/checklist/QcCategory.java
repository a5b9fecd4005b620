package dev.xsight.checklist;

import java.util.List;

/**
 * One entry of the QC issue taxonomy.
 *
 * @param code short stable code written into notes and exports, e.g. {@code V-BAND}
 * @param domain {@code video} or {@code audio}
 * @param aliases other words operators type for it (matched case-insensitively)
 */
public record QcCategory(String code, String domain, String name, List<String> aliases, String description) {
    public QcCategory {
        aliases = List.copyOf(aliases == null ? List.of() : aliases);
        description = description == null ? "" : description;
    }
}
