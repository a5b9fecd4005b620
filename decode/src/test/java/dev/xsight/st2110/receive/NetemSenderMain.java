package dev.xsight.st2110.receive;

import dev.xsight.media.ChromaSampling;
import dev.xsight.media.FrameRate;
import dev.xsight.st2110.PacketMode;
import dev.xsight.st2110.sdp.JxsvFormat;
import dev.xsight.st2110.send.St2110Sender;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Sender half of {@link NetemVethTest}, run inside a network namespace: sends a codestream {@code count} times and
 * prints the RTP timestamps used, one per line. Arguments: file host port count.
 */
public final class NetemSenderMain {
    private NetemSenderMain() {
    }

    public static void main(String[] args) throws Exception {
        byte[] cs = Files.readAllBytes(Path.of(args[0]));
        JxsvFormat f = JxsvFormat.progressive(PacketMode.CODESTREAM, 640, 360, FrameRate.FPS_25, ChromaSampling.S422,
                10);
        try (St2110Sender s = new St2110Sender(f, 112, List.of(new InetSocketAddress(args[1],
                Integer.parseInt(args[2]))), St2110Sender.DEFAULT_DATAGRAM)) {
            for (int i = 0, n = Integer.parseInt(args[3]); i < n; i++) {
                System.out.println(s.sendNext(cs, 0, cs.length));
            }
        }
    }
}
