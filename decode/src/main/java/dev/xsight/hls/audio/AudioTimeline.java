package dev.xsight.hls.audio;

/**
 * Timestamps of the decoded audio blocks of one run, filled in by sample count where the demuxer has none: an
 * MPEG-TS PES packet may carry several AAC frames with one PTS (ISO/IEC 13818-1 2.4.3.7 stamps the first access unit
 * that starts in the packet), and FFmpeg then reports the others at 0. Within a run audio never goes backwards, so a
 * block stamped earlier than the end of the previous one is placed right after it; a later stamp (a real gap) is
 * kept.
 *
 * <p>Owned by one decode thread; {@link #reset()} at each new run.
 */
public final class AudioTimeline {
    /** Rounding slack: stamps in microseconds and block lengths in samples do not meet exactly. */
    private static final long SLACK_NANOS = 2_000_000L;
    private long next = Long.MIN_VALUE;

    public void reset() {
        next = Long.MIN_VALUE;
    }

    /** The block's start time: its stamp, or the previous block's end when the stamp goes backwards. */
    public long place(long ptsNanos, int frames, int sampleRate) {
        long at = next != Long.MIN_VALUE && ptsNanos < next - SLACK_NANOS ? next : ptsNanos;
        next = at + frames * 1_000_000_000L / sampleRate;
        return at;
    }
}
