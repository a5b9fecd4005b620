package dev.xsight.checklist;

import java.time.Instant;
import java.util.Objects;

/** The mark on one item of one checklist in a session, with the operator's note. */
public record ChecklistEntry(String templateId, String itemId, Verdict verdict, String note, String author,
        Instant edited) {
    public ChecklistEntry {
        Objects.requireNonNull(templateId, "templateId");
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(verdict, "verdict");
        note = note == null ? "" : note;
        author = author == null ? "" : author;
        Objects.requireNonNull(edited, "edited");
    }
}
