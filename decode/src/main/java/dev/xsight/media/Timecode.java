package dev.xsight.media;

import java.time.Duration;
import java.time.LocalTime;

/**
 * SMPTE ST 12-1 timecode: hours, minutes, seconds and frames, non-drop ({@code HH:MM:SS:FF}) or drop-frame
 * ({@code HH:MM:SS;FF}). Values are plain labels; the frame rate is supplied to the conversions so one value can be
 * checked against a session's rate.
 *
 * <p>Drop-frame (29.97 and 59.94 only) skips frame labels 0 and 1 (0–3 at 59.94) at the start of every minute
 * except minutes 0, 10, 20, 30, 40 and 50, so the label tracks wall-clock time to within a frame per ten minutes.
 * Rates above 30 count frames up to {@code nominal - 1} (0–59 at 59.94), as ST 12-1 practice for high frame rates.
 * Conversions wrap at 24 hours.
 */
public record Timecode(int hours, int minutes, int seconds, int frames, boolean dropFrame)
        implements Comparable<Timecode> {

    public Timecode {
        if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 59 || frames < 0) {
            throw new TimecodeException("timecode field out of range: " + format(hours, minutes, seconds, frames,
                    dropFrame) + " (expected HH 00-23, MM 00-59, SS 00-59)");
        }
    }

    /** Parses and checks {@code text} against {@code rate}; see {@link #parse(String)} for the syntax. */
    public static Timecode parse(String text, FrameRate rate) {
        Timecode tc = parse(text);
        tc.checkFits(rate);
        return tc;
    }

    /**
     * Parses {@code HH:MM:SS:FF} (non-drop) or {@code HH:MM:SS;FF} / {@code HH:MM:SS.FF} / {@code HH;MM;SS;FF}
     * (drop-frame). Two digits per field.
     *
     * @throws TimecodeException for anything else, saying what was expected
     */
    public static Timecode parse(String text) {
        if (text == null || text.length() != 11) {
            throw bad(text);
        }
        int[] f = new int[4];
        for (int i = 0; i < 4; i++) {
            char a = text.charAt(i * 3);
            char b = text.charAt(i * 3 + 1);
            if (a < '0' || a > '9' || b < '0' || b > '9') {
                throw bad(text);
            }
            f[i] = (a - '0') * 10 + (b - '0');
        }
        char s1 = text.charAt(2);
        char s2 = text.charAt(5);
        char s3 = text.charAt(8);
        boolean drop;
        if (s1 == ':' && s2 == ':' && s3 == ':') {
            drop = false;
        } else if ((s3 == ';' || s3 == '.' || s3 == ',') && (s1 == ':' || s1 == ';') && s1 == s2) {
            drop = true;
        } else {
            throw bad(text);
        }
        return new Timecode(f[0], f[1], f[2], f[3], drop);
    }

    private static TimecodeException bad(String text) {
        return new TimecodeException("bad timecode '" + text + "': expected HH:MM:SS:FF, or HH:MM:SS;FF for drop-frame");
    }

    /**
     * Checks that this label exists at {@code rate}: frames below the nominal rate, drop-frame only at 29.97/59.94,
     * and no dropped label.
     *
     * @throws TimecodeException saying why not
     */
    public void checkFits(FrameRate rate) {
        int nominal = rate.nominal();
        if (frames >= nominal) {
            throw new TimecodeException("timecode " + this + " has frame " + frames + " but " + rate.label()
                    + " fps counts frames 00-" + String.format("%02d", nominal - 1));
        }
        if (dropFrame && !rate.supportsDropFrame()) {
            throw new TimecodeException("timecode " + this + " is drop-frame (';') but " + rate.label()
                    + " fps is non-drop: use ':' before the frames");
        }
        if (dropFrame && seconds == 0 && minutes % 10 != 0 && frames < rate.droppedPerMinute()) {
            throw new TimecodeException("timecode " + this + " does not exist: drop-frame skips frames 00-"
                    + String.format("%02d", rate.droppedPerMinute() - 1) + " at minute " + minutes);
        }
    }

    /** Frames in 24 hours of timecode at {@code rate} with or without drop-frame. */
    public static long framesPerDay(FrameRate rate, boolean dropFrame) {
        int n = rate.nominal();
        if (dropFrame) {
            int d = rate.droppedPerMinute();
            return 24L * 6 * (10L * 60 * n - 9L * d);
        }
        return 24L * 3600 * n;
    }

    /** The frame count since 00:00:00:00 that this label stands for at {@code rate}. */
    public long toFrameCount(FrameRate rate) {
        checkFits(rate);
        int n = rate.nominal();
        long total = ((hours * 60L + minutes) * 60 + seconds) * n + frames;
        if (dropFrame) {
            long totalMinutes = hours * 60L + minutes;
            total -= rate.droppedPerMinute() * (totalMinutes - totalMinutes / 10);
        }
        return total;
    }

    /**
     * The label of frame {@code frameCount} (counted from 00:00:00:00, wrapping at 24 hours; negative counts wrap
     * backwards).
     */
    public static Timecode fromFrameCount(long frameCount, FrameRate rate, boolean dropFrame) {
        if (dropFrame && !rate.supportsDropFrame()) {
            throw new TimecodeException("drop-frame timecode needs 30000/1001 or 60000/1001, not " + rate);
        }
        int n = rate.nominal();
        long f = Math.floorMod(frameCount, framesPerDay(rate, dropFrame));
        if (dropFrame) {
            // ST 12-1 drop-frame: re-insert the skipped labels, d per minute except every tenth minute.
            int d = rate.droppedPerMinute();
            long per10 = 10L * 60 * n - 9L * d;
            long perMinute = 60L * n - d;
            long tens = f / per10;
            long rem = f % per10;
            f += 9L * d * tens;
            if (rem > d) {
                f += d * ((rem - d) / perMinute);
            }
        }
        int ff = (int) (f % n);
        long totalSeconds = f / n;
        return new Timecode((int) (totalSeconds / 3600), (int) (totalSeconds / 60 % 60), (int) (totalSeconds % 60),
                ff, dropFrame);
    }

    /**
     * Time-of-day timecode: the label of the frame that starts at or before {@code timeOfDay}, counting frames of
     * exactly {@code rate} from midnight (as ST 2059-1 derives time address from the epoch).
     */
    public static Timecode ofTimeOfDay(LocalTime timeOfDay, FrameRate rate, boolean dropFrame) {
        return ofNanosOfDay(timeOfDay.toNanoOfDay(), rate, dropFrame);
    }

    /** As {@link #ofTimeOfDay(LocalTime, FrameRate, boolean)} from nanoseconds since midnight. */
    public static Timecode ofNanosOfDay(long nanosOfDay, FrameRate rate, boolean dropFrame) {
        long dayNanos = Duration.ofDays(1).toNanos();
        return fromFrameCount(rate.framesIn(Math.floorMod(nanosOfDay, dayNanos)), rate, dropFrame);
    }

    /** This label moved by {@code delta} frames at {@code rate}, keeping the drop-frame flag. */
    public Timecode plusFrames(long delta, FrameRate rate) {
        return fromFrameCount(toFrameCount(rate) + delta, rate, dropFrame);
    }

    @Override
    public int compareTo(Timecode o) {
        int c = Integer.compare(hours, o.hours);
        if (c == 0) {
            c = Integer.compare(minutes, o.minutes);
        }
        if (c == 0) {
            c = Integer.compare(seconds, o.seconds);
        }
        return c != 0 ? c : Integer.compare(frames, o.frames);
    }

    @Override
    public String toString() {
        return format(hours, minutes, seconds, frames, dropFrame);
    }

    private static String format(int h, int m, int s, int f, boolean drop) {
        char[] c = new char[11];
        put(c, 0, h);
        c[2] = ':';
        put(c, 3, m);
        c[5] = ':';
        put(c, 6, s);
        c[8] = drop ? ';' : ':';
        put(c, 9, f);
        return new String(c);
    }

    private static void put(char[] c, int at, int v) {
        c[at] = (char) ('0' + (v / 10) % 10);
        c[at + 1] = (char) ('0' + v % 10);
    }
}
