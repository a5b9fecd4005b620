package dev.xsight.shell;

import dev.xsight.media.Frame;

/** Status-bar wording for frames. */
final class ShellFormat {
    private ShellFormat() {
    }

    /** E.g. {@code 1920x1080p59.94 4:2:2 10-bit BT.709 narrow}. */
    static String describe(Frame f) {
        String rate = f.frameRate() == null ? "" : "p" + f.frameRate().label();
        return f.width() + "x" + f.height() + rate + " " + f.format().describe() + " " + f.colorimetry().describe();
    }
}
