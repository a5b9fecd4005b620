package dev.xsight.nmos.node;

import dev.xsight.media.FrameSource;
import dev.xsight.nmos.ApiAnswer;
import dev.xsight.nmos.ApiRequest;
import dev.xsight.nmos.NmosHttpServer;
import dev.xsight.nmos.NodeIdentity;
import dev.xsight.nmos.NodeModel;
import dev.xsight.nmos.connection.ConnectionApi;
import dev.xsight.nmos.connection.ReceivePipeline;
import dev.xsight.nmos.connection.ReceiverConnection;
import dev.xsight.nmos.connection.St2110Pipeline;
import dev.xsight.st2110.receive.St2110Receiver;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A running NMOS node: the IDs from the settings folder, the {@link NodeModel}, one HTTP server with the IS-04 Node
 * API and the IS-05 Connection API, and the receive pipeline an activation drives. Registration with a registry is
 * done beside it, from {@link #model()} (its resources in order and a listener for changes).
 *
 * <p>Threading: {@link #start} and {@link #close} from one thread; the rest from any.
 */
public final class NmosNode implements AutoCloseable {
    /**
     * How to run the node.
     *
     * @param address the address to serve the APIs on (loopback unless told otherwise; the any-address serves all)
     * @param port the TCP port (0: a free one)
     * @param label names the Node and the Device
     * @param settingsFolder where the IDs are kept ({@link NodeIdentity#FILE_NAME})
     * @param receive the receive pipeline's options
     */
    public record Options(InetAddress address, int port, String label, Path settingsFolder,
            St2110Receiver.Options receive) {
        public Options {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(settingsFolder, "settingsFolder");
            Objects.requireNonNull(receive, "receive");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is not 0..65535");
            }
        }
    }

    private final NmosHttpServer server;
    private final NodeModel model;
    private final ReceiverConnection connection;
    private final ReceivePipeline pipeline;
    // Set once the node is built; the event loop may ask before (the router answers 503 then).
    private volatile NodeApi nodeApi;
    private volatile ConnectionApi connectionApi;

    private NmosNode(Options o, Function<St2110Receiver.Options, ReceivePipeline> pipelines) throws IOException {
        NodeIdentity ids = NodeIdentity.loadOrCreate(o.settingsFolder());
        InetAddress host = advertised(o.address());
        NetworkInterface ni = NetworkInterface.getByInetAddress(host);
        St2110Receiver.Options receive = o.receive();
        if (ni != null && receive.multicastInterface() == null && ni.supportsMulticast() && !ni.isLoopback()) {
            receive = receive.withInterface(ni);
        }
        pipeline = pipelines.apply(receive);
        // The resources name the port: with a port given the APIs are ready before it opens; with a free port
        // chosen by binding, requests before they are built are answered 503.
        NmosHttpServer bound = o.port() == 0 ? NmosHttpServer.start(o.address(), 0, this::route) : null;
        ReceiverConnection c = null;
        try {
            int apiPort = bound != null ? bound.port() : o.port();
            model = new NodeModel(ids, new NodeModel.Settings(o.label(), host.getHostAddress(), apiPort, hostname(),
                    List.of(port(ni, host))));
            c = new ReceiverConnection(model, pipeline, List.of(host.getHostAddress()));
            nodeApi = new NodeApi(model);
            connectionApi = new ConnectionApi(c);
            if (bound == null) {
                bound = NmosHttpServer.start(o.address(), apiPort, this::route);
            }
        } catch (IOException | RuntimeException e) {
            if (bound != null) {
                bound.close();
            }
            if (c != null) {
                c.close();
            }
            throw e;
        }
        connection = c;
        server = bound;
    }

    /**
     * Starts the node with an {@link St2110Pipeline}.
     *
     * @param frames gets every decoded frame once an activation makes the receiver receive (must release it)
     * @throws IOException when the IDs cannot be read or the port cannot be bound
     */
    public static NmosNode start(Options o, FrameSource.FrameListener frames) throws IOException {
        return new NmosNode(o, receive -> new St2110Pipeline(receive, frames));
    }

    /**
     * Starts the node with the receive pipeline {@code pipelines} makes from the receive options (the options given,
     * with the multicast interface of the API address when none is set). The node closes the pipeline.
     *
     * @throws IOException when the IDs cannot be read or the port cannot be bound
     */
    public static NmosNode start(Options o, Function<St2110Receiver.Options, ReceivePipeline> pipelines)
            throws IOException {
        return new NmosNode(o, pipelines);
    }

    public NodeModel model() {
        return model;
    }

    public ReceiverConnection connection() {
        return connection;
    }

    /** The receive pipeline activations drive. */
    public ReceivePipeline pipeline() {
        return pipeline;
    }

    /** The APIs' TCP port. */
    public int port() {
        return server.port();
    }

    /** {@code http://host:port}, the base of both APIs. */
    public String baseUrl() {
        return model.settings().baseUrl();
    }

    private CompletableFuture<ApiAnswer> route(ApiRequest r) {
        NodeApi n = nodeApi;
        ConnectionApi c = connectionApi;
        if (n == null || c == null) {
            return CompletableFuture.completedFuture(ApiAnswer.error(503, "the node is starting", null));
        }
        List<String> s = r.segments();
        if (s.isEmpty()) {
            return CompletableFuture.completedFuture(NodeApi.get(r, NodeApi.list("x-nmos/")));
        }
        if (!s.getFirst().equals("x-nmos")) {
            return CompletableFuture.completedFuture(ApiAnswer.notFound("/" + String.join("/", s)));
        }
        if (s.size() == 1) {
            return CompletableFuture.completedFuture(NodeApi.get(r, NodeApi.list("connection/", "node/")));
        }
        return switch (s.get(1)) {
            case "node" -> CompletableFuture.completedFuture(n.route(r, s.subList(1, s.size())));
            case "connection" -> c.route(r, s.subList(1, s.size()));
            default -> CompletableFuture.completedFuture(ApiAnswer.notFound("/" + String.join("/", s)));
        };
    }

    /** The address to put in hrefs: the bound one, or for the any-address the first up, non-loopback IPv4 one. */
    static InetAddress advertised(InetAddress bound) throws SocketException {
        if (!bound.isAnyLocalAddress()) {
            return bound;
        }
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (ni.isUp() && !ni.isLoopback()) {
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        return a;
                    }
                }
            }
        }
        return InetAddress.getLoopbackAddress();
    }

    private static NodeModel.NetworkPort port(NetworkInterface ni, InetAddress host) throws SocketException {
        String name = ni != null ? ni.getName() : host.getHostAddress();
        byte[] mac = ni != null ? ni.getHardwareAddress() : null;
        if (mac == null || mac.length != 6) {
            // IS-04: a port ID that is not a MAC address is a free-form string.
            return new NodeModel.NetworkPort(name, name, null);
        }
        StringBuilder b = new StringBuilder();
        for (byte x : mac) {
            b.append(b.isEmpty() ? "" : "-").append(String.format("%02x", x & 0xff));
        }
        return new NodeModel.NetworkPort(name, b.toString(), null);
    }

    private static String hostname() {
        try {
            String h = InetAddress.getLocalHost().getHostName();
            return h.matches("[A-Za-z0-9.-]+") ? h : "xsight";
        } catch (IOException e) {
            return "xsight";
        }
    }

    @Override
    public void close() {
        server.close();
        connection.close();
    }
}
