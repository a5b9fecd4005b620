package dev.xsight.cli;

import dev.xsight.media.Frame;
import dev.xsight.media.FrameSource;
import dev.xsight.nmos.connection.ReceiverMonitor;
import dev.xsight.nmos.node.NmosNode;
import dev.xsight.nmos.registration.NodeRegistration;
import dev.xsight.nmos.registration.RegistrationSettings;
import dev.xsight.nmos.registration.RegistrationState;
import dev.xsight.shell.ShellOptions;
import dev.xsight.st2110.receive.StreamStatistics;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code nmos-node}: the monitor as a headless NMOS node with one JPEG XS receiver. Serves the IS-04 v1.3 Node API
 * and the IS-05 v1.1 Connection API on one port; once a controller activates the receiver it receives and decodes,
 * and prints the receive statistics as one JSON line per second (the line {@code receive} prints at its end). Runs
 * until interrupted.
 */
@Command(name = "nmos-node", mixinStandardHelpOptions = true,
        description = "Run as an NMOS node (IS-04 Node API v1.3, IS-05 Connection API v1.1) with one JPEG XS"
                + " receiver; after an activation, print receive statistics as JSON, one line per second.")
final class NmosNodeCommand implements Callable<Integer> {
    @Option(names = "--port", required = true, description = "TCP port of both APIs.")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to serve the APIs on (default ${DEFAULT-VALUE}; 0.0.0.0 for all).")
    String host;

    @Option(names = "--label", description = "Names the node and its device (default: Xsight on the host name).")
    String label;

    @Option(names = "--settings", paramLabel = "DIR",
            description = "Folder of the node's IDs, kept across restarts (default: the settings folder).")
    Path settings;

    @Mixin
    NmosRegistrationOptions registration = new NmosRegistrationOptions();

    @Mixin
    ReceiveCommand.NetworkChoice network = new ReceiveCommand.NetworkChoice();

    @Override
    public Integer call() throws Exception {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--port must be 1..65535");
        }
        InetAddress address;
        try {
            address = InetAddress.ofLiteral(host);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--host must be an IP address, got '" + host + "'");
        }
        RegistrationSettings registry = registration.settings();
        String name = label != null ? label : "Xsight " + hostName();
        Path folder = settings != null ? settings : ShellOptions.userConfigDir(System.getProperty("xsight.config.dir"));
        PrintStream stdout = System.out;
        FrameSource.FrameListener frames = Frame::release;
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nmos-node-stats");
            t.setDaemon(true);
            return t;
        });
        CountDownLatch forever = new CountDownLatch(1);
        try (NmosNode node = NmosNode.start(new NmosNode.Options(address, port, name, folder,
                network.receiverOptions()), frames);
                NodeRegistration registered = register(node, registry, name)) {
            System.err.println("xsight nmos-node: node " + node.model().ids().node() + " \"" + name + "\" at "
                    + node.baseUrl() + "/x-nmos/node/v1.3/, receiver " + node.model().ids().receiver()
                    + " at " + node.baseUrl() + "/x-nmos/connection/v1.1/single/receivers/"
                    + node.model().ids().receiver() + "/");
            // BCP-008-01 receiver status, reported on stderr when the overall status changes.
            ReceiverMonitor monitor = new ReceiverMonitor(ReceiverMonitor.DEFAULT_REPORTING_DELAY);
            node.connection().addActivationListener(p -> {
                if (p.masterEnable()) {
                    monitor.activated(System.nanoTime());
                } else {
                    monitor.deactivated();
                }
            });
            String nic = node.model().settings().interfaces().getFirst().name();
            ReceiverMonitor.Health[] reported = {ReceiverMonitor.Health.INACTIVE};
            ticker.scheduleAtFixedRate(() -> {
                StreamStatistics st = node.pipeline().statistics();
                if (st != null) {
                    stdout.println(st.toJson());
                    stdout.flush();
                }
                ReceiverMonitor.Report r = monitor.update(System.nanoTime(), st, List.of(up(nic)));
                if (r.overall() != reported[0]) {
                    reported[0] = r.overall();
                    System.err.println("xsight nmos-node: receiver status " + r.line());
                }
            }, 1, 1, TimeUnit.SECONDS);
            forever.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ticker.shutdownNow();
        }
        return 0;
    }

    /**
     * IS-04 registration of the node's resources (with {@code --registry}, or a registry found by DNS-SD, or
     * peer-to-peer), kept up to date from the model's changes (the receiver's subscription after an activation) and
     * reported on stderr as its state changes. Closed before the node: the node's resources are deleted from the
     * registry on the way out.
     */
    private static NodeRegistration register(NmosNode node, RegistrationSettings settings, String name) {
        NodeRegistration r = NodeRegistration.start(settings, node.model()::all, name, node.model().ids().node(),
                InetAddress.ofLiteral(node.model().settings().host()), node.port());
        node.model().addListener(r::update);
        RegistrationState[] last = {null};
        r.addListener(st -> {
            if (st.state() != last[0]) {
                last[0] = st.state();
                System.err.println("xsight nmos-node: registration " + st.describe());
            }
        });
        return r;
    }

    private static boolean up(String nic) {
        try {
            java.net.NetworkInterface ni = java.net.NetworkInterface.getByName(nic);
            return ni == null || ni.isUp();
        } catch (java.net.SocketException e) {
            return false;
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "host";
        }
    }
}
