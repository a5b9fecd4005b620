package dev.xsight.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xsight.media.FrameRate;
import dev.xsight.review.DrawingCodec;
import dev.xsight.review.Note;
import java.io.IOException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One change to a note as it travels on {@code xsight.<session>.notes}: the note's id, the version this change
 * makes, who made it, and the fields it sets (all of them for an add, only the changed ones for a change, none for
 * a delete). Drawings travel with their note as one field. Frame grabs stay local (they are large and derived).
 *
 * <p>The JetStream message id is {@link #messageId()} = id + version, so a retried publish is stored once.
 *
 * @param rate the session's frame rate the timecode fields are counted in
 * @param sentMillis when the author's client published it (wall clock), for delivery latency
 */
public record NoteEvent(Type type, String noteId, long version, String by, FrameRate rate, boolean dropFrame,
        long sentMillis, Map<Field, String> fields) {

    /** What the event does. */
    public enum Type {
        ADDED, CHANGED, DELETED;

        String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The fields of a note that travel, each merged on its own. */
    public enum Field {
        SOURCE, TC_IN, TC_OUT, CATEGORY, SEVERITY, TEXT, AUTHOR, STATUS, CREATED, DRAWINGS;

        String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Largest encoded event accepted from the wire (a note's text is at most 20,000 characters, plus drawings). */
    public static final int MAX_BYTES = 1 << 20;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public NoteEvent {
        Objects.requireNonNull(type, "type");
        if (noteId == null || noteId.isBlank() || noteId.length() > 100) {
            throw new IllegalArgumentException("note id must be 1-100 characters");
        }
        if (version < 1) {
            throw new IllegalArgumentException("note " + noteId + ": version must be 1 or more, not " + version);
        }
        by = Objects.requireNonNullElse(by, "");
        Objects.requireNonNull(rate, "rate");
        fields = fields == null || fields.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new EnumMap<>(fields));
    }

    /** The event that adds {@code n} as version 1. */
    public static NoteEvent added(Note n, FrameRate rate, String by) {
        return new NoteEvent(Type.ADDED, n.id(), 1, by, rate, n.tcIn().dropFrame(), System.currentTimeMillis(),
                fieldsOf(n));
    }

    /** Every travelling field of {@code n}. */
    public static Map<Field, String> fieldsOf(Note n) {
        Map<Field, String> f = new EnumMap<>(Field.class);
        f.put(Field.SOURCE, n.source());
        f.put(Field.TC_IN, n.tcIn().toString());
        f.put(Field.TC_OUT, n.tcOut().toString());
        f.put(Field.CATEGORY, n.category());
        f.put(Field.SEVERITY, n.severity().label());
        f.put(Field.TEXT, n.text());
        f.put(Field.AUTHOR, n.author());
        f.put(Field.STATUS, n.status().label());
        f.put(Field.CREATED, n.created().toString());
        f.put(Field.DRAWINGS, DrawingCodec.toJson(n.drawings()));
        return f;
    }

    /**
     * The JetStream message id that makes publishing this event idempotent: note id and version, plus the author,
     * because two reviewers who change one note at the same moment both make the same next version and both
     * changes must be stored (the ledger merges them per field).
     */
    public String messageId() {
        return noteId + ":" + version + ":" + by;
    }

    /** The wire form: one JSON object, UTF-8. */
    public byte[] encode() {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("event", type.word());
        o.put("id", noteId);
        o.put("version", version);
        o.put("by", by);
        o.put("rate", rate.numerator() + "/" + rate.denominator());
        o.put("drop_frame", dropFrame);
        o.put("sent_ms", sentMillis);
        ObjectNode f = o.putObject("fields");
        fields.forEach((k, v) -> f.put(k.key(), v));
        try {
            return MAPPER.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads the wire form.
     *
     * @throws IllegalArgumentException naming what is wrong (too large, not JSON, a missing or bad member)
     */
    public static NoteEvent decode(byte[] data) {
        if (data.length > MAX_BYTES) {
            throw new IllegalArgumentException("note event of " + data.length + " bytes is larger than " + MAX_BYTES);
        }
        JsonNode o;
        try {
            o = MAPPER.readTree(data);
        } catch (IOException e) {
            throw new IllegalArgumentException("note event is not JSON: " + e.getMessage(), e);
        }
        if (o == null || !o.isObject()) {
            throw new IllegalArgumentException("note event is not a JSON object");
        }
        Type type = switch (text(o, "event")) {
            case "added" -> Type.ADDED;
            case "changed" -> Type.CHANGED;
            case "deleted" -> Type.DELETED;
            default -> throw new IllegalArgumentException("note event: unknown event '" + text(o, "event") + "'");
        };
        JsonNode v = o.get("version");
        if (v == null || !v.canConvertToLong()) {
            throw new IllegalArgumentException("note event: version missing or not a number");
        }
        Map<Field, String> fields = new EnumMap<>(Field.class);
        JsonNode f = o.get("fields");
        if (f != null && f.isObject()) {
            for (Field field : Field.values()) {
                JsonNode val = f.get(field.key());
                if (val != null && val.isTextual()) {
                    fields.put(field, val.asText());
                }
            }
        }
        JsonNode sent = o.get("sent_ms");
        JsonNode drop = o.get("drop_frame");
        return new NoteEvent(type, text(o, "id"), v.asLong(), text(o, "by"), FrameRate.parse(text(o, "rate")),
                drop != null && drop.asBoolean(), sent == null ? 0 : sent.asLong(), fields);
    }

    private static String text(JsonNode o, String name) {
        JsonNode n = o.get(name);
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException("note event: '" + name + "' missing or not text");
        }
        return n.asText();
    }

    /** For logs: {@code added 3f2…:1 by alice}. */
    @Override
    public String toString() {
        return type.word() + " " + messageId() + " by " + by;
    }
}
