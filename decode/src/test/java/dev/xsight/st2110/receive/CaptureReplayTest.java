package dev.xsight.st2110.receive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xsight.capture.CaptureFormatException;
import dev.xsight.media.Frame;
import dev.xsight.media.FrameSource;
import dev.xsight.media.SourceException;
import dev.xsight.media.SourceHealth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RFC 9134 captures of an independent sender, replayed through the live receive path: every frame's timecode
 * (from the capture's clock) and md5 equal the manifest; damaged slice-mode frames are concealed, not dropped; both
 * ST 2022-7 legs merge with no frame lost.
 */
class CaptureReplayTest {
    @TempDir
    Path tmp;

    static Path dir() {
        Path d = Path.of(System.getProperty("xsight.testdata.dir", "../testdata"), "conformance", "rfc9134");
        assertTrue(Files.isDirectory(d), "the repository's RFC 9134 captures are missing: " + d
                + " (testdata/conformance/rfc9134 in the clone)");
        return d;
    }

    static JsonNode manifest(String capture) throws IOException {
        JsonNode m = new ObjectMapper().readTree(dir().resolve("manifest.json").toFile());
        for (JsonNode c : m.get("captures")) {
            if (c.get("capture").asText().equals(capture)) {
                return c;
            }
        }
        throw new AssertionError(capture + " not in manifest.json");
    }

    record Decoded(String timecode, String md5) {
    }

    record Result(List<Decoded> frames, StreamStatistics stats, CaptureReplay.Counts counts) {
    }

    static Result replay(Path sdp, Path pcap, St2110Receiver.Options options) throws Exception {
        List<Decoded> got = Collections.synchronizedList(new ArrayList<>());
        try (St2110Source src = St2110Source.replay(sdp, pcap, options, 0)) {
            src.start(new dev.xsight.media.FrameSource.FrameListener() {
                @Override
                public void onFrame(Frame f) {
                    try {
                        got.add(new Decoded(f.timecode().toString(), f.md5Hex()));
                    } finally {
                        f.release();
                    }
                }
            });
            // Bounded: a decoder that stops (a worker thread dying) must fail the test, not hang it.
            src.ended().get(60, TimeUnit.SECONDS);
            return new Result(List.copyOf(got), src.statistics(), src.replayCounts());
        }
    }

    private static Result check(String name) throws Exception {
        return check(name, St2110Receiver.Options.defaults().withPictureBuffers(4));
    }

    private static Result check(String name, St2110Receiver.Options options) throws Exception {
        JsonNode m = manifest(name + ".pcap");
        Result r = replay(dir().resolve(name + ".sdp"), dir().resolve(name + ".pcap"), options);
        JsonNode frames = m.get("frames");
        assertEquals(frames.size(), r.frames().size(), "every frame delivered: " + r.stats().toJson());
        int damaged = 0;
        for (int i = 0; i < frames.size(); i++) {
            JsonNode f = frames.get(i);
            Decoded d = r.frames().get(i);
            assertEquals(f.get("timecode").asText(), d.timecode(), "timecode of frame " + i);
            if ("damaged".equals(f.get("status").asText())) {
                damaged++;
            } else {
                assertEquals(f.get("md5").asText(), d.md5(), "md5 of frame " + i + " (" + f.get("codestream")
                        .asText() + ")");
            }
        }
        StreamStatistics st = r.stats();
        assertEquals(0, st.framesDropped(), st.toJson());
        assertEquals(damaged, st.framesConcealed(), st.toJson());
        assertEquals(frames.size(), st.framesDecoded(), st.toJson());
        assertEquals(0, st.decodeErrors(), st.toJson());
        assertEquals(0, st.badPackets(), st.toJson());
        assertEquals(m.get("packets").asLong(), r.counts().capture().udpDatagrams(), "all datagrams read");
        assertEquals(m.get("unrelated_packets").asLong(), r.counts().ignored() + r.counts().otherPayloadType(),
                "the unrelated PTP and RTP packets are ignored");
        return r;
    }

    @Test
    void codestreamModeWithBoxesAndFourHeaders() throws Exception {
        check("c1_codestream_1080p25");
    }

    /**
     * With the decoder's slice workers (two or more threads) and the header changing from picture to picture. Before
     * concealment fed every slice, a damaged picture left the workers' slice queue part-way round, and the next
     * header change killed them (the decoder fix is on the robustness branch): this test hung then, and guards it.
     */
    @Test
    void sliceModeWithLossIsConcealedNotDropped() throws Exception {
        St2110Receiver.Options d = St2110Receiver.Options.defaults();
        check("c2_slice_1080p25_loss", new St2110Receiver.Options(null, Math.max(2, d.decoderThreads()),
                d.reorderWindow(), d.reorderWaitMillis(), true, 4, d.mergeWindow(), d.clock()));
    }

    /** The same with the decoder on one thread (no slice workers): concealment across alternating headers. */
    @Test
    void sliceModeWithLossIsConcealedNotDroppedOneDecoderThread() throws Exception {
        St2110Receiver.Options d = St2110Receiver.Options.defaults();
        check("c2_slice_1080p25_loss", new St2110Receiver.Options(null, 1, d.reorderWindow(), d.reorderWaitMillis(),
                true, 4, d.mergeWindow(), d.clock()));
    }

    @Test
    void st2022_7LegsFromOneCaptureMergeWithoutLoss() throws Exception {
        Result r = check("c3_2022-7_360p25");
        StreamStatistics st = r.stats();
        assertEquals(0, st.lost(), st.toJson());
        assertEquals(2, st.legs().size());
        assertTrue(st.legs().get(0).lost() > 0 && st.legs().get(1).lost() > 0, "each leg lost packets: "
                + st.toJson());
        assertTrue(st.duplicates() > 0, st.toJson());
    }

    @Test
    void aBrokenCaptureEndsTheReplayWithATypedError() throws Exception {
        Path good = dir().resolve("c3_2022-7_360p25.pcap");
        Path cut = tmp.resolve("cut.pcap");
        byte[] b = Files.readAllBytes(good);
        Files.write(cut, java.util.Arrays.copyOf(b, b.length / 2));
        List<Decoded> got = Collections.synchronizedList(new ArrayList<>());
        try (St2110Source src = St2110Source.replay(dir().resolve("c3_2022-7_360p25.sdp"), cut,
                St2110Receiver.Options.defaults(), 0)) {
            List<SourceException> errors = Collections.synchronizedList(new ArrayList<>());
            src.start(new FrameSource.FrameListener() {
                @Override
                public void onFrame(Frame f) {
                    got.add(new Decoded(f.timecode().toString(), f.md5Hex()));
                    f.release();
                }

                @Override
                public void onError(SourceException error) {
                    errors.add(error);
                }
            });
            ExecutionException e = assertThrows(ExecutionException.class, () -> src.ended().get(120,
                    TimeUnit.SECONDS));
            CaptureFormatException c = (CaptureFormatException) e.getCause();
            assertTrue(c.offset() > 0 && c.offset() < b.length / 2, c.getMessage());
            // The listener heard it first, typed: the capture's bytes are at fault, here, and the replay stopped.
            assertEquals(1, errors.size(), errors.toString());
            SourceException reported = errors.getFirst();
            assertEquals(SourceException.Kind.FORMAT, reported.kind());
            assertEquals(cut + " offset " + c.offset(), reported.location());
            assertFalse(reported.recoverable());
            assertEquals(SourceHealth.State.FAILED, src.health().state(), src.health().summary());
        }
        Path bad = tmp.resolve("bad.pcap");
        Files.write(bad, "not a capture".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        try (St2110Source src = St2110Source.replay(dir().resolve("c3_2022-7_360p25.sdp"), bad,
                St2110Receiver.Options.defaults(), 0)) {
            CaptureFormatException c = assertThrows(CaptureFormatException.class, () -> src.start(Frame::release));
            assertEquals(0, c.offset());
        }
    }
}
