package dev.xsight.hls.audio;

/**
 * Where the pictures are on the presentation timeline, so an audio rendition decoded on another thread can be placed
 * next to them. Positions are in the pictures' timestamp domain (nanoseconds, as {@code Frame.ptsNanos}). The audio
 * and video segments of one presentation share a timeline (RFC 8216 6.2.4 requires renditions of a variant to be
 * aligned; fMP4 {@code tfdt} and MPEG-TS PTS of audio and video come from one clock); where both playlists carry
 * {@code EXT-X-PROGRAM-DATE-TIME} that date-time is used instead, which also holds when audio and video come from
 * different encoders.
 *
 * <p>Threading: written by the picture decode thread (a few calls per frame), read by the audio rendition's decode
 * thread; every method is synchronized and allocation-free.
 */
public final class PictureTimeline {
    private long presentedPts = Long.MIN_VALUE;
    private long anchorPts = Long.MIN_VALUE;
    private long anchorWall;
    private double speed = 1.0;
    private long runPts0 = Long.MIN_VALUE;
    private long runEpochNanos = Long.MIN_VALUE;
    private boolean ended;
    private boolean audioReady;

    /** A picture run (new demuxer) begins: its first timestamp and that sample's date-time (MIN_VALUE: none). */
    public synchronized void run(long firstPtsNanos, long epochNanos) {
        runPts0 = firstPtsNanos;
        runEpochNanos = epochNanos;
    }

    /**
     * A picture was presented. {@code anchorPtsNanos}/{@code anchorWallNanos} are the paced clock's anchor (the
     * monotonic time a timestamp is shown at, at {@code currentSpeed}); MIN_VALUE when presentation is unpaced.
     */
    public synchronized void presented(long ptsNanos, long anchorPtsNanos, long anchorWallNanos, double currentSpeed) {
        presentedPts = ptsNanos;
        anchorPts = anchorPtsNanos;
        anchorWall = anchorWallNanos;
        speed = currentSpeed;
    }

    /** The audio rendition has its first block decoded and waiting (or has given up): the pictures may start. */
    public synchronized void audioReady() {
        audioReady = true;
        notifyAll();
    }

    /**
     * Waits until {@link #audioReady()} or for at most {@code timeoutNanos}, so the paced clock starts with the audio
     * ready rather than leaving the first second of audio behind (ExoPlayer likewise starts only when every renderer
     * is ready). Returns whether the audio is ready.
     */
    public synchronized boolean awaitAudio(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        long left;
        while (!audioReady && (left = deadline - System.nanoTime()) > 0) {
            wait(Math.max(1, left / 1_000_000));
        }
        return audioReady;
    }

    /** The pictures ended (VOD end, error or close): audio is no longer held back. */
    public synchronized void end() {
        ended = true;
    }

    synchronized boolean ended() {
        return ended;
    }

    /** Whether the pictures are presented in real time (live, or paced VOD) rather than as fast as they decode. */
    synchronized boolean paced() {
        return anchorPts != Long.MIN_VALUE;
    }

    /** Timestamp of the last picture presented, or MIN_VALUE before the first. */
    synchronized long presentedPts() {
        return presentedPts;
    }

    /**
     * Maps an audio timestamp to the picture timeline: through the program date-times when both runs have one,
     * else unchanged (shared timeline). MIN_VALUE when no picture run has begun yet.
     */
    synchronized long toPicturePts(long audioPtsNanos, long audioRunPts0, long audioRunEpochNanos) {
        if (runPts0 == Long.MIN_VALUE) {
            return Long.MIN_VALUE;
        }
        if (audioRunEpochNanos != Long.MIN_VALUE && runEpochNanos != Long.MIN_VALUE) {
            long epoch = audioRunEpochNanos + (audioPtsNanos - audioRunPts0);
            return runPts0 + (epoch - runEpochNanos);
        }
        return audioPtsNanos;
    }

    /** Monotonic time (System.nanoTime) at which a picture timestamp is shown; now when unpaced or not started. */
    synchronized long dueNanos(long picturePtsNanos) {
        if (anchorPts == Long.MIN_VALUE) {
            return System.nanoTime();
        }
        return anchorWall + (long) ((picturePtsNanos - anchorPts) / speed);
    }
}
