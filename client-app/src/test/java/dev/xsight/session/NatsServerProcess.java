package dev.xsight.session;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code nats-server} (Debian package nats-server) with JetStream on a free loopback port, for tests. It keeps
 * its store in a folder of the test, so {@link #kill()} (SIGKILL) and {@link #start()} again keep the streams.
 * Optionally TLS (certificates from {@link TestCa}) and users with subject permissions.
 */
public final class NatsServerProcess implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final String config;
    private Process process;

    private NatsServerProcess(Path dir, int port, String config) {
        this.dir = dir;
        this.port = port;
        this.config = config;
    }

    /** Starts a server with JetStream whose config has {@code extraConfig} (tls/authorization blocks) added. */
    public static NatsServerProcess start(Path dir, String extraConfig) throws Exception {
        int port = freePort();
        Files.createDirectories(dir.resolve("store"));
        NatsServerProcess s = new NatsServerProcess(dir, port, "listen: 127.0.0.1:" + port + "\n"
                + "jetstream { store_dir: \"" + dir.resolve("store") + "\" }\n" + extraConfig + "\n");
        s.start();
        return s;
    }

    /**
     * Starts a server with a whole configuration of its own; {@code configFor} gets the free port and the store
     * folder to put in it.
     */
    static NatsServerProcess startWithConfig(Path dir, java.util.function.BiFunction<Integer, Path, String> configFor)
            throws Exception {
        int port = freePort();
        Files.createDirectories(dir.resolve("store"));
        NatsServerProcess s = new NatsServerProcess(dir, port, configFor.apply(port, dir.resolve("store")));
        s.start();
        return s;
    }

    public static NatsServerProcess start(Path dir) throws Exception {
        return start(dir, "");
    }

    static String executable() {
        for (String d : (System.getenv("PATH") + ":/usr/sbin").split(":")) {
            Path p = Path.of(d, "nats-server");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        assertTrue(false, "nats-server is not installed: install the nats-server package (./monitor test installs"
                + " it on Debian/Ubuntu: apt-get install nats-server)");
        return null;
    }

    public void start() throws Exception {
        Path conf = dir.resolve("nats.conf");
        Files.writeString(conf, config);
        process = new ProcessBuilder(List.of(executable(), "-c", conf.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
        // Ready when it accepts connections (an event, polled; a server that exits fails at once).
        for (;;) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nats-server exited: " + Files.readString(dir.resolve("server.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
    }

    public int port() {
        return port;
    }

    public String url(String scheme) {
        return scheme + "://127.0.0.1:" + port;
    }

    /** SIGKILL, as a crash or an operator's kill -9: no goodbye to clients. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
