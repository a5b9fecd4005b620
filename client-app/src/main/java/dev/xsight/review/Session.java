package dev.xsight.review;

import dev.xsight.media.FrameRate;
import dev.xsight.media.Timecode;
import dev.xsight.media.TimecodeException;
import java.util.List;
import java.util.Objects;

/**
 * What is being reviewed: the production, the episode or reel, the deliverable, the timecode rate every note is
 * counted in and the sources watched (grade feed, OTS feed, file ...).
 *
 * @param dropFrame whether the session labels frames in SMPTE ST 12-1 drop-frame ({@code HH:MM:SS;FF}); only at
 *     29.97 and 59.94
 */
public record Session(String production, String episode, String deliverable, FrameRate rate, boolean dropFrame,
        List<String> sources) {

    public Session {
        production = Objects.requireNonNullElse(production, "");
        episode = Objects.requireNonNullElse(episode, "");
        deliverable = Objects.requireNonNullElse(deliverable, "");
        Objects.requireNonNull(rate, "rate");
        sources = List.copyOf(sources == null ? List.of() : sources);
        if (dropFrame && !rate.supportsDropFrame()) {
            throw new IllegalArgumentException("drop-frame timecode needs 30000/1001 or 60000/1001, not " + rate);
        }
    }

    /** A session with only a rate, as {@code notes add} creates it. */
    public static Session ofRate(FrameRate rate, boolean dropFrame) {
        return new Session("", "", "", rate, dropFrame, List.of());
    }

    /**
     * Parses a timecode and checks it exists in this session: frames below the rate, and ';' exactly when the
     * session counts drop-frame.
     *
     * @throws TimecodeException saying what was expected
     */
    public Timecode parseTimecode(String text) {
        Timecode tc = Timecode.parse(text == null ? null : text.trim(), rate);
        checkCounting(tc);
        return tc;
    }

    /** Checks that {@code tc} is a label of this session's rate and counting. */
    public void checkCounting(Timecode tc) {
        tc.checkFits(rate);
        if (tc.dropFrame() != dropFrame) {
            throw new TimecodeException("timecode " + tc + " is " + (tc.dropFrame() ? "drop-frame" : "non-drop")
                    + " but the session counts " + rate.label() + " fps " + (dropFrame ? "drop-frame (HH:MM:SS;FF)"
                    : "non-drop (HH:MM:SS:FF)"));
        }
    }

    /** The label of frame {@code frameCount} in this session's counting. */
    public Timecode timecodeAt(long frameCount) {
        return Timecode.fromFrameCount(frameCount, rate, dropFrame);
    }

    /** Frames since 00:00:00:00 of {@code tc}, after checking it belongs to this session. */
    public long frameOf(Timecode tc) {
        checkCounting(tc);
        return tc.toFrameCount(rate);
    }

    /** A one-line title: "production - episode - deliverable" without the empty parts. */
    public String title() {
        StringBuilder b = new StringBuilder();
        for (String part : List.of(production, episode, deliverable)) {
            if (!part.isBlank()) {
                if (!b.isEmpty()) {
                    b.append(" - ");
                }
                b.append(part);
            }
        }
        return b.isEmpty() ? "Untitled session" : b.toString();
    }
}
