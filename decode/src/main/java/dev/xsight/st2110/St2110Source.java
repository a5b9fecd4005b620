package dev.xsight.st2110;

import dev.xsight.media.FrameSource;
import dev.xsight.media.SourceHealth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An ST 2110-22 JPEG XS stream described by an SDP, as a {@link FrameSource}: receiver, depacketizer and decoder.
 * Frames carry the SDP's colorimetry and the timecode of day from their RTP timestamps.
 *
 * <p>Threading: as {@link FrameSource}; frames arrive on the pipeline's delivery thread.
 */
public final class St2110Source implements FrameSource {
    private final SessionDescription sdp;
    private final St2110Receiver.Options options;
    private final int zoneOffsetSeconds;
    private final StreamCounters counters;
    private DecodePipeline pipeline;
    private St2110Receiver receiver;
    private boolean started;

    public St2110Source(SessionDescription sdp, St2110Receiver.Options options, int zoneOffsetSeconds) {
        this.sdp = sdp;
        this.options = options;
        this.zoneOffsetSeconds = zoneOffsetSeconds;
        this.counters = new StreamCounters(sdp.streams().size());
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
        pipeline = new DecodePipeline(f, options.decoderThreads(), (int) Math.min(max, raw),
                RtpTimecode.forRate(f.rate(), zoneOffsetSeconds), counters, listener);
        try {
            receiver = new St2110Receiver(sdp, options, counters, pipeline);
        } catch (IOException | RuntimeException e) {
            pipeline.close();
            throw e;
        }
    }

    /** Live counters (any thread). */
    public StreamCounters counters() {
        return counters;
    }

    public StreamStatistics statistics() {
        return counters.snapshot();
    }

    @Override
    public SourceHealth health() {
        StreamStatistics s = counters.snapshot();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("packets", s.packets());
        m.put("lost", s.lost());
        m.put("reordered", s.reordered());
        m.put("duplicates", s.duplicates());
        m.put("frames_complete", s.framesComplete());
        m.put("frames_dropped", s.framesDropped());
        m.put("frames_concealed", s.framesConcealed());
        m.put("jitter_ms", s.jitterMs());
        m.put("latency_p99_ms", s.latencyP99Ms());
        m.put("bitrate_bps", s.bitrate());
        // ST 2022-7: a leg that is down or failed leaves the stream unprotected; that is not ok either.
        boolean legsOk = true;
        if (s.legs().size() > 1) {
            m.put("legs", s.legSummary());
            for (StreamStatistics.LegStatistics l : s.legs()) {
                legsOk &= l.state() != LegState.DOWN && l.state() != LegState.FAILED;
            }
        }
        boolean ok = s.framesDropped() == 0 && s.framesConcealed() == 0 && legsOk;
        return new SourceHealth(ok, sdp.format().rate().label() + " fps · " + s.summary(), m);
    }

    @Override
    public synchronized void close() {
        if (receiver != null) {
            receiver.close();
            receiver = null;
        }
        if (pipeline != null) {
            pipeline.close();
            pipeline = null;
        }
    }
}
