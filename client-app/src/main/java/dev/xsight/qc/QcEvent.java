package dev.xsight.qc;

import dev.xsight.media.Timecode;
import java.util.Map;
import java.util.Objects;

/**
 * One finding: what, from which frame to which frame (both inclusive, counted from the first frame the check saw),
 * their timecodes where the frames carried one, and the measured values.
 */
public record QcEvent(Type type, long firstFrame, long lastFrame, Timecode tcIn, Timecode tcOut,
        Map<String, Double> values) {

    /** The kinds of finding (the names of the {@code qc} CLI's events). */
    public enum Type {
        BLACK("black"), FREEZE("freeze"), LUMA_RANGE("luma_range"), GAMUT("gamut"), FLASH("flash"),
        RED_FLASH("red_flash"), SILENCE("silence"), LOUDNESS("loudness"), CLIPPING("clipping"), LOSS("loss"),
        CONCEALED("concealed"), TIMECODE_BREAK("timecode_break");

        private final String word;

        Type(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    public QcEvent {
        Objects.requireNonNull(type, "type");
        if (lastFrame < firstFrame) {
            throw new IllegalArgumentException(type.word() + ": last frame " + lastFrame + " before first "
                    + firstFrame);
        }
        values = Map.copyOf(values == null ? Map.of() : values);
    }

    /** Frames covered. */
    public long frames() {
        return lastFrame - firstFrame + 1;
    }
}
