package dev.xsight.nmos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xsight.TestRequirements;
import dev.xsight.media.FrameRate;
import dev.xsight.st2110.PacketMode;
import dev.xsight.st2110.TrafficShaping;
import dev.xsight.st2110.sdp.JxsvFormat;
import dev.xsight.st2110.sdp.JxsvStream;
import dev.xsight.st2110.sdp.SessionDescription;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Test streams: conformance pictures with the reference decoder's md5s, and SDPs from our own writer. */
public final class Streams {
    static final String[] FILES = {"s01_1080p422p10_bpp2_f0.jxs", "s01_1080p422p10_bpp2_f1.jxs"};
    /** Longest wait for anything: only a hang reaches it. */
    static final long HANG_SECONDS = 60;

    private Streams() {
    }

    /** The pictures' codestreams. */
    public static List<byte[]> pictures() {
        Path dir = TestRequirements.conformance("jpegxs");
        List<byte[]> out = new ArrayList<>();
        try {
            for (String f : FILES) {
                out.add(Files.readAllBytes(dir.resolve(f)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The md5 of each picture as the independent reference decoder gives it (the manifest), in FILES order. */
    static List<String> referenceMd5s() {
        Path dir = TestRequirements.conformance("jpegxs");
        try {
            JsonNode manifest = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
            List<String> out = new ArrayList<>();
            for (String name : FILES) {
                for (JsonNode f : manifest.get("files")) {
                    if (f.get("name").asText().equals(name)) {
                        out.add(f.get("decoded").get("md5").asText());
                    }
                }
            }
            assertEquals(FILES.length, out.size(), "every picture is in the manifest");
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The format a controller commonly stages: 1080p25 4:2:2 10-bit, High444.12, level 2k-1, Sublev3bpp (the
     * conformance pictures are 1080 4:2:2 10-bit).
     */
    public static JxsvFormat controllerFormat(PacketMode mode) {
        return new JxsvFormat(mode, true, "High444.12", "2k-1", "Sublev3bpp", 10, 1920, 1080, FrameRate.FPS_25,
                false, false, "YCbCr-4:2:2", "BT709", "SDR", "NARROW", "ST2110-22:2019", TrafficShaping.NARROW_GAPPED);
    }

    /** An SDP for unicast to 127.0.0.1 on {@code ports} (two: ST 2022-7 legs). */
    public static SessionDescription sdp(JxsvFormat f, List<Integer> ports) {
        long kbps = 110_000;
        List<JxsvStream> legs = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            legs.add(new JxsvStream(ports.size() > 1 ? "leg" + i : null, "127.0.0.1", ports.get(i), 0, null, 112,
                    kbps, null, "direct=0", f));
        }
        return new SessionDescription("127.0.0.1", 7, "nmos test sender", legs, ports.size() > 1);
    }

    public static int freePort() {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns once {@code condition} holds; fails with {@code what} after {@link #HANG_SECONDS}. */
    static void until(BooleanSupplier condition, Supplier<String> what) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(HANG_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("hang: no " + what.get() + " within " + HANG_SECONDS + " s");
            }
            LockSupport.parkNanos(200_000); // re-checks a counter; nothing depends on this delay
        }
    }
}
