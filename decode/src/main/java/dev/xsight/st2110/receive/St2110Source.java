package dev.xsight.st2110.receive;

import dev.xsight.capture.CaptureFormatException;
import dev.xsight.media.FrameSource;
import dev.xsight.media.SourceException;
import dev.xsight.media.SourceHealth;
import dev.xsight.st2110.PacketMode;
import dev.xsight.st2110.RtpTimecode;
import dev.xsight.st2110.sdp.JxsvFormat;
import dev.xsight.st2110.sdp.SdpException;
import dev.xsight.st2110.sdp.SdpParser;
import dev.xsight.st2110.sdp.SessionDescription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An ST 2110-22 JPEG XS stream described by an SDP, as a {@link FrameSource}: receiver, depacketizer and decoder.
 * Frames carry the SDP's colorimetry and the timecode of day from their RTP timestamps. The packets come from the
 * network ({@link St2110Receiver}) or, for {@link #replay}, from a capture file ({@link CaptureReplay}) through the
 * same {@link ReceivePath} and {@link DecodePipeline}; a replay loses no frame for speed and {@link #ended()} when
 * the capture does.
 *
 * <p>Threading: as {@link FrameSource}; frames arrive on the pipeline's delivery thread.
 */
public final class St2110Source implements FrameSource {
    private final SessionDescription sdp;
    private final St2110Receiver.Options options;
    private final int zoneOffsetSeconds;
    private final StreamCounters counters;
    private final Path capture;
    private final java.util.concurrent.CompletableFuture<Void> ended = new java.util.concurrent.CompletableFuture<>();
    private DecodePipeline pipeline;
    private AutoCloseable receiver;
    private volatile CaptureReplay replay;
    private boolean started;
    private volatile SourceException lastError;

    public St2110Source(SessionDescription sdp, St2110Receiver.Options options, int zoneOffsetSeconds) {
        this(sdp, options, zoneOffsetSeconds, null);
    }

    /** @param capture a pcap / pcapng file to replay instead of receiving from the network, or null */
    public St2110Source(SessionDescription sdp, St2110Receiver.Options options, int zoneOffsetSeconds, Path capture) {
        this.sdp = sdp;
        this.options = options;
        this.zoneOffsetSeconds = zoneOffsetSeconds;
        this.counters = new StreamCounters(sdp.streams().size());
        this.capture = capture;
    }

    /** Reads an SDP file and replays the stream it describes from a capture file. */
    public static St2110Source replay(Path sdpFile, Path capture, St2110Receiver.Options options,
            int zoneOffsetSeconds) throws IOException {
        if (!Files.isRegularFile(capture)) {
            throw new IOException(capture + ": no such capture file");
        }
        St2110Source s = open(sdpFile, options, zoneOffsetSeconds);
        return new St2110Source(s.sdp, options, zoneOffsetSeconds, capture);
    }

    /** Reads and parses an SDP file. */
    public static St2110Source open(Path sdpFile, St2110Receiver.Options options, int zoneOffsetSeconds)
            throws IOException {
        if (!Files.isRegularFile(sdpFile)) {
            throw new IOException(sdpFile + ": no such SDP file");
        }
        long size = Files.size(sdpFile);
        if (size > SdpParser.MAX_CHARS) {
            throw new IOException(sdpFile + ": " + size + " bytes is too large for an SDP file");
        }
        try {
            return new St2110Source(SdpParser.parse(Files.readString(sdpFile)), options, zoneOffsetSeconds);
        } catch (SdpException e) {
            throw new IOException(sdpFile + ": " + e.getMessage(), e);
        }
    }

    public SessionDescription sdp() {
        return sdp;
    }

    @Override
    public String name() {
        JxsvFormat f = sdp.format();
        return "ST 2110-22 " + sdp.sessionName() + " " + f.width() + "x" + f.height() + (f.interlaced() ? "i" : "p")
                + f.rate().label() + (sdp.duplicate() ? " (2022-7)" : "");
    }

    @Override
    public synchronized void start(FrameListener listener) throws IOException {
        if (started) {
            throw new IllegalStateException("source already started");
        }
        started = true;
        JxsvFormat f = sdp.format();
        if (f.interlaced() && f.packetMode() == PacketMode.SLICE) {
            throw new IOException("interlaced / PsF JPEG XS in slice packetization mode is not decoded yet (" + f
                    + "); codestream mode is");
        }
        long max = Math.min(sdp.streams().getFirst().maxCodestreamBytes(), 256L << 20);
        long raw = (long) f.width() * f.height() * 3 * 2 + (1 << 20);
        boolean replaying = capture != null;
        pipeline = new DecodePipeline(f, options.decoderThreads(), (int) Math.min(max, raw),
                RtpTimecode.forRate(f.rate(), zoneOffsetSeconds), counters, listener, replaying,
                replaying ? DecodePipeline.ARRIVAL_IS_UTC : DecodePipeline.SYSTEM_CLOCK);
        if (!replaying) {
            // Before the sockets open: the first pictures then meet compiled code (see DecodePipeline.warmUp).
            pipeline.warmUp();
        }
        try {
            if (replaying) {
                DecodePipeline p = pipeline;
                replay = new CaptureReplay(sdp, capture, options, counters, p, () -> {
                    try {
                        while (!p.awaitIdle(1000)) {
                            if (Thread.currentThread().isInterrupted()) {
                                return;
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                receiver = replay;
                replay.finished().whenComplete((v, e) -> {
                    if (e != null) {
                        if (e instanceof IOException io) {
                            // A broken capture: the frames before the damage were delivered.
                            lastError = captureError(io);
                            listener.onError(lastError);
                        }
                        ended.completeExceptionally(e);
                    } else {
                        ended.complete(null);
                    }
                });
                replay.start();
            } else {
                receiver = new St2110Receiver(sdp, options, counters, pipeline);
            }
        } catch (IOException | RuntimeException e) {
            pipeline.close();
            throw e;
        }
    }

    /**
     * Completes once a replayed capture has been read to its end and every frame delivered to the listener
     * (exceptionally with a {@link dev.xsight.capture.CaptureFormatException} for a broken capture); never for a live
     * stream.
     */
    public java.util.concurrent.CompletableFuture<Void> ended() {
        return ended;
    }

    /** What the replay read from the capture, or null for a live stream (or before {@link #start}). */
    public CaptureReplay.Counts replayCounts() {
        CaptureReplay r = replay;
        return r == null ? null : r.counts();
    }

    /** Live counters (any thread). */
    public StreamCounters counters() {
        return counters;
    }

    public StreamStatistics statistics() {
        return counters.snapshot();
    }

    /** A capture that could not be read to its end: where in the file, and whether its bytes or the disk failed. */
    private SourceException captureError(IOException e) {
        if (e instanceof CaptureFormatException c) {
            return SourceException.of(SourceException.Kind.FORMAT, capture + " offset " + c.offset(), false, c);
        }
        return SourceException.of(SourceException.Kind.IO, String.valueOf(capture), false, e);
    }

    @Override
    public SourceHealth health() {
        StreamStatistics s = counters.snapshot();
        List<SourceHealth.Leg> legs = new ArrayList<>(s.legs().size());
        // ST 2022-7: a leg that is down or failed leaves the stream unprotected; that is not ok either.
        boolean legsOk = true;
        for (int i = 0; i < s.legs().size(); i++) {
            StreamStatistics.LegStatistics l = s.legs().get(i);
            boolean up = l.state() != LegState.DOWN && l.state() != LegState.FAILED;
            legsOk &= up || s.legs().size() == 1;
            legs.add(new SourceHealth.Leg(String.valueOf((char) ('A' + i)), l.state().label(), up, l.packets(),
                    l.lost(), l.duplicates(), l.jitterMs()));
        }
        SourceException error = lastError;
        SourceHealth.State state = error != null ? SourceHealth.State.FAILED
                : s.framesDropped() == 0 && s.framesConcealed() == 0 && legsOk
                        ? s.framesComplete() == 0 ? SourceHealth.State.STARTING : SourceHealth.State.OK
                        : SourceHealth.State.DEGRADED;
        return new SourceHealth(state, sdp.format().rate().label() + " fps · " + s.counterSummary(),
                s.framesComplete(), s.framesDropped(), s.framesConcealed(), s.latencyP99Ms(), Double.NaN, legs,
                List.of(), error);
    }

    @Override
    public synchronized void close() {
        if (receiver != null) {
            try {
                receiver.close();
            } catch (Exception e) {
                // Sockets and threads only: nothing to report.
            }
            receiver = null;
        }
        if (pipeline != null) {
            pipeline.close();
            pipeline = null;
        }
    }
}
