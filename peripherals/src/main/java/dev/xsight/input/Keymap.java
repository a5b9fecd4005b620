package dev.xsight.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Key chords mapped to {@link Action}s. The shipped default follows editors' conventions (J/K/L shuttle, Space
 * play, I/O marks, M marker, arrows step); a user file overrides it chord by chord.
 *
 * <p>File format (JSON):
 * <pre>{@code
 * {
 *   "xsight-keymap": 1,
 *   "bindings": {
 *     "Space": "play-pause",
 *     "Ctrl+L": "toggle-lut",
 *     "T": "none"
 *   }
 * }
 * }</pre>
 * Keys are chords as {@link KeyChord#parse} reads them; values are {@link Action#id()}s or {@code none} to remove a
 * default binding. A chord may appear once per file. Immutable and thread-safe.
 */
public final class Keymap {
    /** Name of the built-in keymap resource. */
    public static final String DEFAULT_RESOURCE = "default-keymap.json";
    private static final int MAX_FILE_BYTES = 1 << 20;
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final Map<KeyChord, Action> bindings;

    private Keymap(Map<KeyChord, Action> bindings) {
        this.bindings = Collections.unmodifiableMap(new LinkedHashMap<>(bindings));
    }

    /** The shipped default keymap. */
    public static Keymap defaults() {
        try (InputStream in = Keymap.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("built-in keymap " + DEFAULT_RESOURCE + " is missing from the jar");
            }
            return parse(DEFAULT_RESOURCE, new InputStreamReader(in, StandardCharsets.UTF_8)).toKeymap(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The defaults overridden by {@code file}.
     *
     * @throws KeymapException when the file is not valid (naming file and line)
     * @throws IOException when it cannot be read
     */
    public static Keymap load(Path file) throws IOException {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new KeymapException(file.toString(), 0, "no such keymap file");
        }
        if (size > MAX_FILE_BYTES) {
            throw new KeymapException(file.toString(), 0, "keymap file is " + size + " bytes, more than 1 MiB");
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(file.toString(), r).toKeymap(defaults());
        }
    }

    /** Parses keymap text on top of the defaults; {@code source} names it in errors. */
    public static Keymap parse(String source, String json) {
        try {
            return parse(source, new java.io.StringReader(json)).toKeymap(defaults());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bindings read from one file; {@code null} actions remove a binding. */
    private record Overrides(Map<KeyChord, Action> entries) {
        Keymap toKeymap(Keymap base) {
            Map<KeyChord, Action> m = base == null ? new LinkedHashMap<>() : new LinkedHashMap<>(base.bindings);
            entries.forEach((k, a) -> {
                if (a == null) {
                    m.remove(k);
                } else {
                    m.put(k, a);
                }
            });
            return new Keymap(m);
        }
    }

    private static Overrides parse(String source, Reader reader) throws IOException {
        Map<KeyChord, Action> entries = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(reader)) {
            expect(p, p.nextToken(), JsonToken.START_OBJECT, source, "a JSON object");
            boolean sawBindings = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "xsight-keymap" -> {
                        if (value != JsonToken.VALUE_NUMBER_INT || p.getIntValue() != 1) {
                            throw error(p, source, "\"xsight-keymap\" must be 1 (the only version so far)");
                        }
                    }
                    case "bindings" -> {
                        expect(p, value, JsonToken.START_OBJECT, source, "\"bindings\" to be an object");
                        readBindings(p, source, entries);
                        sawBindings = true;
                    }
                    default -> throw error(p, source, "unknown field \"" + field
                            + "\" (expected \"xsight-keymap\" and \"bindings\")");
                }
            }
            if (!sawBindings) {
                throw new KeymapException(source, p.currentLocation().getLineNr(), "no \"bindings\" object");
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw error(p, source, "unexpected content after the keymap object");
            }
        } catch (JsonParseException e) {
            throw new KeymapException(source, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    "not valid JSON: " + e.getOriginalMessage(), e);
        }
        return new Overrides(entries);
    }

    private static void readBindings(JsonParser p, String source, Map<KeyChord, Action> entries)
            throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String chordText = p.currentName();
            int line = p.currentLocation().getLineNr();
            KeyChord chord;
            try {
                chord = KeyChord.parse(chordText);
            } catch (IllegalArgumentException e) {
                throw new KeymapException(source, line, e.getMessage());
            }
            if (p.nextToken() != JsonToken.VALUE_STRING) {
                throw new KeymapException(source, line, "the action for \"" + chordText
                        + "\" must be a string such as \"play-pause\" or \"none\"");
            }
            String id = p.getText();
            Action action;
            try {
                action = id.equalsIgnoreCase("none") ? null : Action.fromId(id);
            } catch (IllegalArgumentException e) {
                throw new KeymapException(source, line, e.getMessage() + " for \"" + chordText
                        + "\" (known actions: " + String.join(", ",
                        java.util.Arrays.stream(Action.values()).map(Action::id).toList()) + ")");
            }
            if (entries.containsKey(chord)) {
                throw new KeymapException(source, line, "\"" + chordText + "\" is bound twice (as " + chord.label()
                        + ")");
            }
            entries.put(chord, action);
        }
    }

    private static void expect(JsonParser p, JsonToken got, JsonToken want, String source, String what) {
        if (got != want) {
            throw error(p, source, "expected " + what);
        }
    }

    private static KeymapException error(JsonParser p, String source, String reason) {
        return new KeymapException(source, p.currentLocation().getLineNr(), reason);
    }

    /** The action bound to {@code chord}, if any. */
    public Optional<Action> actionFor(KeyChord chord) {
        return Optional.ofNullable(bindings.get(chord));
    }

    /** The chords bound to {@code action}, in file order. */
    public List<KeyChord> chordsFor(Action action) {
        List<KeyChord> out = new ArrayList<>();
        bindings.forEach((k, a) -> {
            if (a == action) {
                out.add(k);
            }
        });
        return out;
    }

    /** Every binding, in file order (defaults first, then the user's additions). */
    public Map<KeyChord, Action> bindings() {
        return bindings;
    }
}
