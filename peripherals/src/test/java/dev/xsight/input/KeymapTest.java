package dev.xsight.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.input.KeyChord.Modifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeymapTest {

    @Test
    void defaultKeymapFollowsEditorsConventions() {
        Keymap k = Keymap.defaults();
        assertEquals(Optional.of(Action.SHUTTLE_REVERSE), k.actionFor(KeyChord.of("J")));
        assertEquals(Optional.of(Action.SHUTTLE_STOP), k.actionFor(KeyChord.of("K")));
        assertEquals(Optional.of(Action.SHUTTLE_FORWARD), k.actionFor(KeyChord.of("L")));
        assertEquals(Optional.of(Action.PLAY_PAUSE), k.actionFor(KeyChord.of("SPACE")));
        assertEquals(Optional.of(Action.MARK_IN), k.actionFor(KeyChord.of("I")));
        assertEquals(Optional.of(Action.MARK_OUT), k.actionFor(KeyChord.of("O")));
        assertEquals(Optional.of(Action.ADD_MARKER), k.actionFor(KeyChord.of("M")));
        assertEquals(Optional.of(Action.STEP_BACK), k.actionFor(KeyChord.of("LEFT")));
        assertEquals(Optional.of(Action.STEP_FORWARD), k.actionFor(KeyChord.of("RIGHT")));
        assertEquals(Optional.of(Action.HELP), k.actionFor(KeyChord.of("SLASH", Modifier.SHIFT)));
        assertEquals(Optional.of(Action.NEXT_SOURCE), k.actionFor(KeyChord.of("TAB")));
        assertEquals(Optional.of(Action.FULL_SCREEN), k.actionFor(KeyChord.of("F")));
        // L is shuttle, so the LUT toggle needs a modifier.
        assertEquals(Optional.of(Action.TOGGLE_LUT), k.actionFor(KeyChord.of("L", Modifier.CTRL)));
    }

    @Test
    void everyActionHasADefaultBinding() {
        Keymap k = Keymap.defaults();
        for (Action a : Action.values()) {
            assertTrue(!k.chordsFor(a).isEmpty(), a.id() + " has no default key");
        }
    }

    @Test
    void userFileOverridesAndRemovesDefaultsChordByChord(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("keymap.json");
        Files.writeString(f, """
                {
                  "xsight-keymap": 1,
                  "bindings": {
                    "Ctrl+Shift+R": "toggle-reference-window",
                    "R": "none",
                    "k": "play-pause"
                  }
                }
                """);
        Keymap k = Keymap.load(f);
        assertEquals(Optional.of(Action.TOGGLE_REFERENCE_WINDOW),
                k.actionFor(new KeyChord("R", EnumSet.of(Modifier.CTRL, Modifier.SHIFT))));
        assertEquals(Optional.empty(), k.actionFor(KeyChord.of("R")));
        assertEquals(Optional.of(Action.PLAY_PAUSE), k.actionFor(KeyChord.of("K")));
        assertEquals(Optional.of(Action.SHUTTLE_FORWARD), k.actionFor(KeyChord.of("L")), "untouched default stays");
    }

    @Test
    void brokenJsonIsReportedWithFileAndLine(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("broken.json");
        Files.writeString(f, "{\n  \"xsight-keymap\": 1,\n  \"bindings\": {\n    \"J\": \"shuttle-reverse\"\n    \"K\": 3\n");
        KeymapException e = assertThrows(KeymapException.class, () -> Keymap.load(f));
        assertEquals(5, e.line());
        assertTrue(e.getMessage().startsWith(f + " line 5: not valid JSON"), e.getMessage());
    }

    @Test
    void unknownActionAndUnknownKeyNameTheLine() {
        KeymapException action = assertThrows(KeymapException.class, () -> Keymap.parse("my.json",
                "{\"xsight-keymap\": 1,\n\"bindings\": {\n\"J\": \"rewind-tape\"}}"));
        assertEquals("my.json", action.source());
        assertEquals(3, action.line());
        assertTrue(action.getMessage().contains("unknown action 'rewind-tape'"), action.getMessage());

        KeymapException key = assertThrows(KeymapException.class, () -> Keymap.parse("my.json",
                "{\"bindings\": {\n\n\"Hyper+J\": \"play-pause\"}}"));
        assertEquals(3, key.line());
        assertTrue(key.getMessage().contains("unknown modifier 'Hyper'"), key.getMessage());
    }

    @Test
    void aChordBoundTwiceInOneFileIsAnError() {
        KeymapException e = assertThrows(KeymapException.class, () -> Keymap.parse("dup.json",
                "{\"bindings\": {\n\"Space\": \"play-pause\",\n\"space\": \"help\"}}"));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("bound twice"), e.getMessage());
    }

    @Test
    void missingFileSaysSo(@TempDir Path dir) {
        KeymapException e = assertThrows(KeymapException.class, () -> Keymap.load(dir.resolve("nope.json")));
        assertTrue(e.getMessage().endsWith("no such keymap file"), e.getMessage());
    }

    @Test
    void chordsParseAndPrintAsPeopleWriteThem() {
        assertEquals(new KeyChord("J", Set.of(Modifier.CTRL, Modifier.SHIFT)), KeyChord.parse("shift+Ctrl+j"));
        assertEquals(KeyChord.of("SLASH", Modifier.SHIFT), KeyChord.parse("?"));
        assertEquals("?", KeyChord.parse("Shift+/").label());
        assertEquals("Ctrl+Shift+J", KeyChord.parse("shift+ctrl+J").label());
        assertEquals("Space", KeyChord.parse("space").label());
        assertEquals("Shift+←", KeyChord.parse("Shift+Left").label());
        assertEquals(KeyChord.of("DIGIT1"), KeyChord.parse("1"));
        assertThrows(IllegalArgumentException.class, () -> KeyChord.parse("Ctrl+"));
        assertThrows(IllegalArgumentException.class, () -> KeyChord.parse("Banana"));
    }

    @Test
    void actionIdsRoundTrip() {
        for (Action a : Action.values()) {
            assertEquals(a, Action.fromId(a.id()));
        }
        assertEquals("toggle-reference-window", Action.TOGGLE_REFERENCE_WINDOW.id());
        assertEquals(List.of(KeyChord.of("SLASH", Modifier.SHIFT), KeyChord.of("H"), KeyChord.of("F1")),
                Keymap.defaults().chordsFor(Action.HELP));
    }
}
