package dev.xsight.input;

import java.util.Locale;

/**
 * Everything a person can ask the monitor to do, named once so a keyboard, a jog/shuttle, a MIDI controller or a
 * grading panel can all map to the same actions. Names in keymap files are the lower-case, dash-separated form
 * ({@code play-pause}).
 */
public enum Action {
    PLAY_PAUSE("Play / pause (freeze a live source)", Group.TRANSPORT),
    SHUTTLE_REVERSE("Shuttle reverse (press again for faster)", Group.TRANSPORT),
    SHUTTLE_STOP("Stop shuttle / pause", Group.TRANSPORT),
    SHUTTLE_FORWARD("Shuttle forward (press again for faster)", Group.TRANSPORT),
    STEP_BACK("Step one frame back", Group.TRANSPORT),
    STEP_FORWARD("Step one frame forward", Group.TRANSPORT),
    JUMP_BACK("Jump one second back", Group.TRANSPORT),
    JUMP_FORWARD("Jump one second forward", Group.TRANSPORT),
    MARK_IN("Mark in", Group.REVIEW),
    MARK_OUT("Mark out", Group.REVIEW),
    ADD_MARKER("Add marker at the current frame", Group.REVIEW),
    ADD_NOTE("Add a note at the current frame", Group.REVIEW),
    DRAW("Draw on the picture", Group.REVIEW),
    PREVIOUS_NOTE("Go to the previous note", Group.REVIEW),
    NEXT_NOTE("Go to the next note", Group.REVIEW),
    NEXT_SOURCE("Next source", Group.VIEW),
    PREVIOUS_SOURCE("Previous source", Group.VIEW),
    TOGGLE_LUT("Viewing LUT on / off", Group.VIEW),
    TOGGLE_REFERENCE_WINDOW("Reference output window on / off", Group.VIEW),
    FULL_SCREEN("Full screen on / off", Group.VIEW),
    SIDE_BY_SIDE("Side by side with a second source on / off", Group.VIEW),
    NMOS_BROWSER("NMOS registry browser: route a facility's JPEG XS sender here", Group.VIEW),
    TOGGLE_SCOPES("Scopes panel on / off", Group.MONITORING),
    CYCLE_SCOPE_LAYOUT("Next scope layout (one scope or all four)", Group.MONITORING),
    TOGGLE_SAFE_AREAS("Safe action / safe title on / off", Group.MONITORING),
    TOGGLE_FRAMING_GUIDES("FDL framing guides on / off", Group.MONITORING),
    TOGGLE_FALSE_COLOUR("False colour on / off", Group.MONITORING),
    TOGGLE_ZEBRAS("Zebras on / off", Group.MONITORING),
    TOGGLE_SIGNAL_WARNINGS("Out-of-range / gamut warnings on / off", Group.MONITORING),
    TOGGLE_PIXEL_PROBE("Pixel probe on / off", Group.MONITORING),
    TOGGLE_BURNT_IN_TIMECODE("Burnt-in timecode window on / off", Group.MONITORING),
    HELP("Show / hide the key bindings", Group.APPLICATION),
    CANCEL("Close the overlay / leave full screen", Group.APPLICATION),
    QUIT("Quit", Group.APPLICATION);

    private final String description;
    private final Group group;

    Action(String description, Group group) {
        this.description = description;
        this.group = group;
    }

    /** One line for the help overlay. */
    public String description() {
        return description;
    }

    public Group group() {
        return group;
    }

    /** The name used in keymap files: {@code play-pause}, {@code toggle-reference-window}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The action named {@code id} (as {@link #id()} writes it; case and {@code _} / {@code -} are ignored).
     *
     * @throws IllegalArgumentException naming the unknown id
     */
    public static Action fromId(String id) {
        String n = id.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Action a : values()) {
            if (a.name().equals(n)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown action '" + id + "'");
    }

    /** Headings for the help overlay. */
    public enum Group {
        TRANSPORT("Transport"), REVIEW("Review"), VIEW("View"), MONITORING("Scopes and overlays"),
        APPLICATION("Application");

        private final String label;

        Group(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
