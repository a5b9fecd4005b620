package dev.xsight.qc.video;

import dev.xsight.media.Frame;

/** A check was given a frame it cannot read (its model, range or layout); names the check and the frame's format. */
public final class UnreadableFrameException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UnreadableFrameException(String check, String needs, Frame f) {
        super(check + " needs " + needs + ", got " + f.format().ffmpegName() + " ("
                + (f.colorimetry() == null ? "no colorimetry" : f.colorimetry().describe()) + ")");
    }
}
