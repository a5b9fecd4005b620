package dev.xsight.shell;

import dev.xsight.input.Keymap;

/**
 * How to open the shell.
 *
 * @param registry the sources to offer
 * @param keymap the key bindings
 * @param referenceScreen screen index for the reference output, -1 for the last screen
 * @param referenceFullScreen whether the reference output covers its screen in full-screen mode
 * @param width initial main-window width
 * @param height initial main-window height
 * @param review the review session to open in the notes slot, or {@code null} for none
 */
public record ShellOptions(SourceRegistry registry, Keymap keymap, int referenceScreen, boolean referenceFullScreen,
                           double width, double height, ReviewOptions review) {

    /** Discovered sources, default keys, reference output full screen on the last screen, a 1600x900 window. */
    public static ShellOptions defaults() {
        return new ShellOptions(SourceRegistry.discover(), Keymap.defaults(), -1, true, 1600, 900, null);
    }

    public ShellOptions withRegistry(SourceRegistry r) {
        return new ShellOptions(r, keymap, referenceScreen, referenceFullScreen, width, height, review);
    }

    public ShellOptions withKeymap(Keymap k) {
        return new ShellOptions(registry, k, referenceScreen, referenceFullScreen, width, height, review);
    }

    public ShellOptions withReference(int screen, boolean fullScreen) {
        return new ShellOptions(registry, keymap, screen, fullScreen, width, height, review);
    }

    /** The same options with an initial main-window size of {@code w} x {@code h}. */
    public ShellOptions withWindowSize(double w, double h) {
        if (!(w >= 640 && h >= 360)) {
            throw new IllegalArgumentException("window size " + w + "x" + h + " is below the 640x360 minimum");
        }
        return new ShellOptions(registry, keymap, referenceScreen, referenceFullScreen, w, h, review);
    }

    /** The same options with the review session {@code r} (null for none). */
    public ShellOptions withReview(ReviewOptions r) {
        return new ShellOptions(registry, keymap, referenceScreen, referenceFullScreen, width, height, r);
    }
}
