package dev.xsight.st2110.receive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.xsight.media.ChromaSampling;
import dev.xsight.media.FrameRate;
import dev.xsight.st2110.PacketMode;
import dev.xsight.st2110.sdp.JxsvFormat;
import dev.xsight.st2110.sdp.JxsvStream;
import dev.xsight.st2110.sdp.SessionDescription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A real network path: the sender runs in its own network namespace behind a veth pair whose egress has
 * {@code tc netem} loss, delay jitter (reordering) and duplication; the receiver runs here. Needs root and
 * iproute2 ({@code ip}, {@code tc}: a package of the test list, so missing is a failure). Skipped, with the reason,
 * only for what the machine cannot give: root, network namespaces and veth pairs, the netem kernel module.
 */
class NetemVethTest {
    static boolean run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    static String which(String tool) {
        for (String d : new String[] {"/usr/sbin/", "/sbin/", "/usr/bin/", "/bin/"}) {
            if (Files.isExecutable(Path.of(d + tool))) {
                return d + tool;
            }
        }
        return null;
    }

    /** Pictures delivered (by timestamp) plus pictures counted as dropped, plus one when the first was delivered. */
    private static long accounted(ImpairedNetworkTest.Collector c, List<Long> ts, StreamCounters counters) {
        long delivered = 0;
        for (int i = 1; i < ts.size(); i++) {
            delivered += c.pictures.containsKey(ts.get(i)) ? 1 : 0;
        }
        return delivered + counters.framesDropped + counters.framesDroppedDecode
                + (c.pictures.containsKey(ts.getFirst()) ? 1 : 0);
    }

    @Test
    void picturesCrossANetemLinkIntactOrAreDroppedWhole() throws Exception {
        String ip = which("ip");
        String tc = which("tc");
        assertTrue(ip != null && tc != null, "ip and tc not found: install the iproute2 package "
                + "(./monitor test installs it on Debian/Ubuntu)");
        assumeTrue("root".equals(System.getProperty("user.name")), "netem: needs root to create a network namespace");
        long id = ProcessHandle.current().pid() % 200 + 20;
        String ns = "xsight-rtp-" + id;
        String a = "xsr" + id + "a";
        String b = "xsr" + id + "b";
        String hostIp = "10.231." + id + ".1";
        String nsIp = "10.231." + id + ".2";
        assumeTrue(run(ip, "netns", "add", ns), "netem: the kernel refuses network namespaces here (cannot create "
                + ns + ")");
        try {
            assumeTrue(run(ip, "link", "add", a, "type", "veth", "peer", "name", b),
                    "netem: no veth kernel module (cannot create a veth pair)");
            assertTrue(run(ip, "link", "set", b, "netns", ns));
            assertTrue(run(ip, "addr", "add", hostIp + "/30", "dev", a));
            assertTrue(run(ip, "link", "set", a, "up"));
            assertTrue(run(ip, "netns", "exec", ns, ip, "addr", "add", nsIp + "/30", "dev", b));
            assertTrue(run(ip, "netns", "exec", ns, ip, "link", "set", b, "up"));
            assertTrue(run(ip, "netns", "exec", ns, ip, "link", "set", "lo", "up"));
            assumeTrue(run(ip, "netns", "exec", ns, tc, "qdisc", "add", "dev", b, "root", "netem", "loss", "0.3%",
                    "duplicate", "1%", "delay", "1ms", "reorder", "2%", "50%"), "netem: no netem kernel module (sch_netem)");
            byte[] cs = Conformance.read(ImpairedNetworkTest.SMALL);
            int port = LoopbackSendReceiveTest.freePort();
            JxsvFormat f = JxsvFormat.progressive(PacketMode.CODESTREAM, 640, 360, FrameRate.FPS_25,
                    ChromaSampling.S422, 10);
            SessionDescription d = new SessionDescription(nsIp, 1, "netem", List.of(new JxsvStream(null, hostIp, port,
                    0, null, 112, 40_000, null, "direct=0", f)), false);
            StreamCounters counters = new StreamCounters(1);
            ImpairedNetworkTest.Collector c = new ImpairedNetworkTest.Collector();
            List<Long> ts = new ArrayList<>();
            try (St2110Receiver rx = new St2110Receiver(d, St2110Receiver.Options.defaults(), counters, c)) {
                String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                Process p = new ProcessBuilder(ip, "netns", "exec", ns, java, "-cp",
                        System.getProperty("java.class.path"), NetemSenderMain.class.getName(),
                        Conformance.dir().resolve(ImpairedNetworkTest.SMALL).toString(), hostIp,
                        Integer.toString(port), "50").redirectError(ProcessBuilder.Redirect.DISCARD).start();
                for (String line : new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)
                        .split("\n")) {
                    if (!line.isBlank()) {
                        ts.add(Long.parseLong(line.trim()));
                    }
                }
                assertTrue(p.waitFor(120, TimeUnit.SECONDS));
                assertEquals(0, p.exitValue());
                // netem's losses are random, so the datagram count is unknown: wait instead until every picture after
                // the first is accounted for, delivered or dropped (a picture whose tail was lost ends at the
                // receiver's picture time-out); the assertion below then checks that nothing is counted twice.
                Await.until(() -> accounted(c, ts, counters) >= ts.size(), () -> "an outcome for each of the "
                        + ts.size() + " pictures (" + counters.snapshot().toJson() + ")");
            }
            StreamStatistics st = counters.snapshot();
            assertEquals(50, ts.size());
            assertTrue(st.duplicates() > 0, st.toJson());
            int intact = 0;
            for (int i = 1; i < ts.size(); i++) {
                byte[] got = c.pictures.get(ts.get(i));
                if (got != null) {
                    assertArrayEquals(cs, got, "picture " + i + " is intact when delivered");
                    intact++;
                }
            }
            // Every picture is either delivered intact or counted as dropped; never torn.
            assertEquals(ts.size(), accounted(c, ts, counters), st.toJson());
        } finally {
            run(ip, "link", "del", a);
            run(ip, "netns", "del", ns);
        }
    }
}
