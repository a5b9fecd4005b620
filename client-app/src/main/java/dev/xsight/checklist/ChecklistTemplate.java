package dev.xsight.checklist;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A QC checklist the operator works through: items to mark pass, fail or n/a.
 *
 * @param id stable identifier (file name without {@code .json} for user templates)
 */
public record ChecklistTemplate(String id, String name, int version, List<Item> items) {
    public ChecklistTemplate {
        items = List.copyOf(items);
        Set<String> seen = new HashSet<>();
        for (Item i : items) {
            if (!seen.add(i.id())) {
                throw new IllegalArgumentException("checklist " + id + " repeats item id " + i.id());
            }
        }
    }

    /**
     * One line of the checklist; {@code category} is a taxonomy code or empty; {@code qcEvents} names the automated
     * QC event types ({@code black}, {@code loss} ...) whose findings fail this item (the template field
     * {@code "qc_events"}), empty when none do.
     */
    public record Item(String id, String text, String category, List<String> qcEvents) {
        public Item {
            if (id == null || id.isBlank() || text == null || text.isBlank()) {
                throw new IllegalArgumentException("a checklist item needs an id and a text");
            }
            category = category == null ? "" : category;
            qcEvents = List.copyOf(qcEvents == null ? List.of() : qcEvents);
        }

        /** An item no QC event ticks. */
        public Item(String id, String text, String category) {
            this(id, text, category, List.of());
        }
    }
}
