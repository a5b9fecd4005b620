package dev.xsight.input;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A key with modifiers, named independently of any UI toolkit: {@code Space}, {@code J}, {@code Shift+Left},
 * {@code Ctrl+L}, {@code F11}. Key names are the physical keys of a US layout in upper case ({@code A}-{@code Z},
 * {@code DIGIT0}-{@code DIGIT9}, {@code F1}-{@code F24}, {@code SPACE}, {@code LEFT}, {@code SLASH} ...), the same
 * spelling as JavaFX's and AWT's key code names, so a toolkit adapter maps its key code by name. {@code ?} is
 * accepted as {@code Shift+Slash}.
 *
 * @param key the key name (upper case)
 * @param modifiers held modifiers
 */
public record KeyChord(String key, Set<Modifier> modifiers) {
    private static final Pattern LETTER_OR_DIGIT = Pattern.compile("[A-Z]|DIGIT[0-9]|NUMPAD[0-9]|F([1-9]|1[0-9]|2[0-4])");
    /** Named keys besides letters, digits and function keys. */
    public static final Set<String> NAMED_KEYS = Set.of("SPACE", "ENTER", "TAB", "ESCAPE", "BACK_SPACE", "DELETE",
            "INSERT", "HOME", "END", "PAGE_UP", "PAGE_DOWN", "LEFT", "RIGHT", "UP", "DOWN", "SLASH", "BACK_SLASH",
            "COMMA", "PERIOD", "SEMICOLON", "QUOTE", "MINUS", "EQUALS", "OPEN_BRACKET", "CLOSE_BRACKET",
            "BACK_QUOTE", "ADD", "SUBTRACT", "MULTIPLY", "DIVIDE", "DECIMAL");

    public KeyChord {
        if (key == null || !isKnownKey(key)) {
            throw new IllegalArgumentException("unknown key '" + key + "' (expected A-Z, DIGIT0-9, F1-F24 or one of "
                    + String.join(", ", NAMED_KEYS.stream().sorted().toList()) + ")");
        }
        modifiers = modifiers.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(modifiers));
    }

    /** Whether {@code key} is a key name this class knows. */
    public static boolean isKnownKey(String key) {
        return LETTER_OR_DIGIT.matcher(key).matches() || NAMED_KEYS.contains(key);
    }

    public static KeyChord of(String key, Modifier... modifiers) {
        return new KeyChord(key, modifiers.length == 0 ? Set.of() : EnumSet.of(modifiers[0], modifiers));
    }

    /**
     * Parses {@code Ctrl+Shift+J}, {@code space}, {@code ?}. Modifiers: {@code Ctrl}/{@code Control},
     * {@code Shift}, {@code Alt}/{@code Option}, {@code Meta}/{@code Cmd}/{@code Super}; case is ignored.
     *
     * @throws IllegalArgumentException saying which part is wrong
     */
    public static KeyChord parse(String text) {
        String t = text.trim();
        if (t.equals("?")) {
            return of("SLASH", Modifier.SHIFT);
        }
        String[] parts = t.split("\\+", -1);
        EnumSet<Modifier> mods = EnumSet.noneOf(Modifier.class);
        for (int i = 0; i < parts.length - 1; i++) {
            mods.add(Modifier.parse(parts[i].trim(), text));
        }
        String k = parts[parts.length - 1].trim().toUpperCase(Locale.ROOT).replace(' ', '_');
        if (k.isEmpty()) {
            throw new IllegalArgumentException("key chord '" + text + "' has no key");
        }
        if (k.length() == 1 && k.charAt(0) >= '0' && k.charAt(0) <= '9') {
            k = "DIGIT" + k;
        }
        k = switch (k) {
            case "ESC" -> "ESCAPE";
            case "RETURN" -> "ENTER";
            case "BACKSPACE" -> "BACK_SPACE";
            case "PAGEUP", "PGUP" -> "PAGE_UP";
            case "PAGEDOWN", "PGDN" -> "PAGE_DOWN";
            case "/" -> "SLASH";
            case "," -> "COMMA";
            case "." -> "PERIOD";
            case "-" -> "MINUS";
            case "=" -> "EQUALS";
            case "[" -> "OPEN_BRACKET";
            case "]" -> "CLOSE_BRACKET";
            default -> k;
        };
        if (!isKnownKey(k)) {
            throw new IllegalArgumentException("unknown key '" + parts[parts.length - 1].trim() + "' in '" + text
                    + "'");
        }
        return new KeyChord(k, mods);
    }

    /** As a person reads it: {@code Ctrl+Shift+J}, {@code Space}, {@code ?}. */
    public String label() {
        if (key.equals("SLASH") && modifiers.equals(Set.of(Modifier.SHIFT))) {
            return "?";
        }
        List<String> p = new ArrayList<>();
        for (Modifier m : Modifier.values()) {
            if (modifiers.contains(m)) {
                p.add(m.label());
            }
        }
        String k = key.startsWith("DIGIT") ? key.substring(5)
                : key.length() == 1 || key.matches("F\\d+") ? key
                : key.charAt(0) + key.substring(1).toLowerCase(Locale.ROOT).replace('_', ' ');
        k = switch (key) {
            case "LEFT" -> "←";
            case "RIGHT" -> "→";
            case "UP" -> "↑";
            case "DOWN" -> "↓";
            case "ESCAPE" -> "Esc";
            default -> k;
        };
        p.add(k);
        return String.join("+", p);
    }

    @Override
    public String toString() {
        return label();
    }

    /** Modifier keys. */
    public enum Modifier {
        CTRL("Ctrl"), ALT("Alt"), SHIFT("Shift"), META("Meta");

        private final String label;

        Modifier(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        static Modifier parse(String s, String chord) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "ctrl", "control" -> CTRL;
                case "shift" -> SHIFT;
                case "alt", "option" -> ALT;
                case "meta", "cmd", "command", "super" -> META;
                default -> throw new IllegalArgumentException("unknown modifier '" + s + "' in '" + chord
                        + "' (expected Ctrl, Shift, Alt or Meta)");
            };
        }
    }
}
