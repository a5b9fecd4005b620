package dev.xsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xsight.TestRequirements;
import dev.xsight.hls.demo.DemoHlsServer;
import dev.xsight.media.ChromaSampling;
import dev.xsight.media.FrameRate;
import dev.xsight.media.Timecode;
import dev.xsight.st2110.PacketMode;
import dev.xsight.st2110.sdp.JxsvFormat;
import dev.xsight.st2110.sdp.JxsvStream;
import dev.xsight.st2110.sdp.SdpWriter;
import dev.xsight.st2110.sdp.SessionDescription;
import dev.xsight.st2110.send.St2110Sender;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code xsight qc} on the real live sources: the demo HLS server and an ST 2110-22 stream on loopback. */
class QcLiveTest {
    @TempDir
    Path dir;

    @Test
    void hlsVodPlaysThroughTheChecksWithProgramDateTimeTimecode() throws Exception {
        try (DemoHlsServer server = DemoHlsServer.start()) {
            QcCommandTest.Result r = QcCommandTest.qc("qc", "--hls", server.vodUrl().toString(), "--for", "60s",
                    "--json");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.summary().path("frames_analysed").asLong() > 0, r.summary().toString());
            assertEquals(List.of(), r.of("loss"), "the loopback server fails no segment");
            for (JsonNode e : r.events()) {
                Timecode.parse(e.path("tc_in").asText());
                Timecode.parse(e.path("tc_out").asText());
            }
        }
    }

    /**
     * Forwards datagrams from its own port to the receiver's, dropping one packet of every 40th picture from the
     * 120th on (pictures counted by RTP timestamp), so the receiver loses pictures in codestream mode.
     */
    static final class LossyRelay implements AutoCloseable {
        final DatagramSocket in = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        final DatagramSocket out = new DatagramSocket();
        final AtomicLong dropped = new AtomicLong();
        final AtomicBoolean running = new AtomicBoolean(true);
        final Thread thread;

        LossyRelay(int toPort) throws Exception {
            InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), toPort);
            thread = Thread.ofPlatform().daemon().name("qc-test-relay").start(() -> {
                byte[] buf = new byte[2048];
                long picture = -1;
                long lastTs = -1;
                boolean droppedThisPicture = false;
                while (running.get()) {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    try {
                        in.receive(p);
                        long ts = ((buf[4] & 0xFFL) << 24) | ((buf[5] & 0xFF) << 16) | ((buf[6] & 0xFF) << 8)
                                | (buf[7] & 0xFF);
                        if (ts != lastTs) {
                            picture++;
                            lastTs = ts;
                            droppedThisPicture = false;
                        }
                        if (picture >= 120 && picture % 40 == 0 && !droppedThisPicture) {
                            droppedThisPicture = true;
                            dropped.incrementAndGet();
                            continue;
                        }
                        out.send(new DatagramPacket(buf, p.getLength(), to));
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
        }

        int port() {
            return in.getLocalPort();
        }

        @Override
        public void close() throws Exception {
            running.set(false);
            in.close();
            out.close();
            thread.join(5000);
        }
    }

    @Test
    void sdpStreamWithPacketsDroppedOnPurposeGivesLossAndConcealedEvents() throws Exception {
        byte[] cs = Files.readAllBytes(TestRequirements.conformance("jpegxs").resolve("s20_640x360_422p10_bpp6.jxs"));
        int port;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            port = probe.getLocalPort();
        }
        JxsvFormat f = JxsvFormat.progressive(PacketMode.CODESTREAM, 640, 360, FrameRate.FPS_59_94,
                ChromaSampling.S422, 10);
        SessionDescription sdp = new SessionDescription("127.0.0.1", 1, "qc-loss",
                List.of(new JxsvStream(null, "127.0.0.1", port, 0, null, 112, 80_000, null, "direct=0", f)), false);
        Path sdpFile = dir.resolve("loss.sdp");
        Files.writeString(sdpFile, SdpWriter.write(sdp));
        try (LossyRelay relay = new LossyRelay(port)) {
            CompletableFuture<QcCommandTest.Result> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return QcCommandTest.qc("qc", "--sdp", sdpFile.toString(), "--for", "10s", "--json");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (St2110Sender s = new St2110Sender(f, 112, List.of(new InetSocketAddress("127.0.0.1", relay.port())),
                    St2110Sender.DEFAULT_DATAGRAM)) {
                // The sender paces itself at the stream's rate until the analysis ends.
                while (!run.isDone()) {
                    s.sendNext(cs, 0, cs.length);
                }
            }
            QcCommandTest.Result r = run.get(30, TimeUnit.SECONDS);
            assertEquals(0, r.code(), r.err());
            assertTrue(relay.dropped.get() >= 2, "the relay dropped packets: " + relay.dropped.get());
            assertTrue(r.summary().path("frames_analysed").asLong() > 100, r.summary().toString());
            assertFalse(r.of("loss").isEmpty(), r.events().toString());
            assertFalse(r.of("concealed").isEmpty(), r.events().toString());
            // At least what the relay dropped after the receiver started; a busy loopback may lose more.
            long lost = r.of("loss").stream().mapToLong(e -> e.path("packets_lost").asLong()).sum();
            assertTrue(lost >= 1, r.events().toString());
            for (JsonNode e : r.of("loss")) {
                assertEquals("issue", e.path("severity").asText(), "broadcast profile");
                assertTrue(e.path("last_frame").asLong() >= e.path("first_frame").asLong());
                Timecode.parse(e.path("tc_in").asText());
            }
        }
    }
}
