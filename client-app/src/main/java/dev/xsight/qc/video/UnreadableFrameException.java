package dev.xsight.qc.video;

import dev.xsight.media.Colorimetry;
import dev.xsight.media.ColourModel;
import dev.xsight.media.Frame;

/** A check was given a frame it cannot read (its model, range or layout); names the check and the frame's format. */
public final class UnreadableFrameException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UnreadableFrameException(String check, String needs, Frame f) {
        super(check + " needs " + needs + ", got " + f.format().ffmpegName() + " ("
                + (f.colorimetry() == null ? "no colorimetry" : f.colorimetry().describe()) + ")");
    }

    /**
     * The colorimetry of {@code f} for a check that turns Y'CbCr into R'G'B' or light, so needs Y'CbCr with a colour
     * matrix; any other frame fails {@code check} with this exception.
     */
    static Colorimetry ycbcrWithMatrix(String check, Frame f) {
        Colorimetry c = f.colorimetry();
        if (f.format().model() != ColourModel.YCBCR || c == null || c.matrix() == Colorimetry.Matrix.IDENTITY) {
            throw new UnreadableFrameException(check, "Y'CbCr with a colorimetry", f);
        }
        return c;
    }
}
