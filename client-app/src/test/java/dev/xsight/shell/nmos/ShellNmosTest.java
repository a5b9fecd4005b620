package dev.xsight.shell.nmos;

import static dev.xsight.shell.ShellWindow.HANG_S;
import static dev.xsight.shell.ShellWindow.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.xsight.nmos.Streams;
import dev.xsight.nmos.query.JxsSender;
import dev.xsight.nmos.query.QueryStandIn;
import dev.xsight.nmos.registration.RegistrationSettings;
import dev.xsight.nmos.registration.RegistryStandIn;
import dev.xsight.shell.Shell;
import dev.xsight.shell.ShellOptions;
import dev.xsight.shell.ShellWindow;
import dev.xsight.shell.SourceEntry;
import dev.xsight.st2110.PacketMode;
import dev.xsight.st2110.sdp.JxsvFormat;
import dev.xsight.st2110.sdp.SdpWriter;
import dev.xsight.st2110.send.St2110Sender;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * NMOS in the shell, with real parts: the shell's node on loopback registering with a Registration API stand-in,
 * a Query API stand-in (HTTP and websockets) offering JPEG XS senders whose {@code manifest_href} is the SDP of our
 * {@link St2110Sender} sending conformance pictures over UDP on loopback. Every check waits on what the shell shows
 * or what a stand-in received, never on elapsed time.
 */
@ExtendWith(ApplicationExtension.class)
class ShellNmosTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CAMERA = "Camera 7";
    private static final String ROUTED = "NMOS: routed from " + CAMERA;

    @TempDir
    Path dir;

    private Stage stage;
    private Shell shell;
    private final List<AutoCloseable> parts = new ArrayList<>();
    private HttpServer manifests;
    private final String cameraId = UUID.randomUUID().toString();
    private final String flowId = UUID.randomUUID().toString();

    @Start
    void start(Stage s) {
        stage = s;
    }

    @AfterEach
    void stop(FxRobot robot) throws Exception {
        if (shell != null) {
            ShellWindow.close(robot, shell);
            if (shell.nmos() != null) {
                shell.nmos().close().get(HANG_S, TimeUnit.SECONDS);
            }
        }
        for (AutoCloseable c : parts.reversed()) {
            c.close();
        }
        if (manifests != null) {
            manifests.stop(0);
        }
    }

    // ---- the facility ----

    /** Sends the conformance pictures to {@code port} on loopback, one per frame period, until closed. */
    private final class Transmitter implements AutoCloseable {
        private final Thread thread;
        private volatile boolean stopped;

        Transmitter(JxsvFormat f, int port) throws IOException {
            St2110Sender s = new St2110Sender(f, 112, List.of(new InetSocketAddress("127.0.0.1", port)),
                    St2110Sender.DEFAULT_DATAGRAM);
            List<byte[]> pics = Streams.pictures();
            thread = Thread.ofPlatform().name("test-st2110-sender").daemon(true).start(() -> {
                try (s) {
                    for (long i = 0; !stopped; i++) {
                        byte[] cs = pics.get((int) (i % pics.size()));
                        s.sendNext(cs, 0, cs.length);
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            parts.add(this);
        }

        @Override
        public void close() throws InterruptedException {
            stopped = true;
            thread.join();
        }
    }

    /** Serves {@code body} at {@code /sdp/NAME} (status 200, or {@code status}); returns its URL. */
    private String manifest(String name, int status, String body) throws IOException {
        if (manifests == null) {
            manifests = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
            manifests.start();
        }
        manifests.createContext("/sdp/" + name, x -> {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().set("Content-Type", "application/sdp");
            x.sendResponseHeaders(status, b.length);
            try (OutputStream o = x.getResponseBody()) {
                o.write(b);
            }
        });
        return "http://127.0.0.1:" + manifests.getAddress().getPort() + "/sdp/" + name;
    }

    /** A Query API offering the camera (a JPEG XS flow with its BCP-006-01 attributes) sending to {@code port}. */
    private QueryStandIn registryWithCamera(JxsvFormat f, int port) throws Exception {
        QueryStandIn q = new QueryStandIn(2);
        parts.add(q);
        ObjectNode flow = QueryStandIn.flow(flowId, "video/jxsv");
        flow.put("frame_width", 1920).put("frame_height", 1080).put("interlace_mode", "progressive");
        flow.putObject("grain_rate").put("numerator", 25).put("denominator", 1);
        flow.put("profile", "High444.12").put("level", "2k-1").put("sublevel", "Sublev3bpp").put("bit_rate", 110_000);
        q.put("flows", flow);
        ObjectNode camera = QueryStandIn.sender(cameraId, CAMERA, flowId);
        camera.put("manifest_href", manifest("camera", 200, SdpWriter.write(Streams.sdp(f, List.of(port)))));
        q.put("senders", camera);
        // Something the browser must not list: an audio flow's sender.
        String audioFlow = UUID.randomUUID().toString();
        q.put("flows", QueryStandIn.flow(audioFlow, "audio/L24"));
        q.put("senders", QueryStandIn.sender(UUID.randomUUID().toString(), "Mic 1", audioFlow));
        return q;
    }

    private ShellOptions options(RegistryStandIn registry, QueryStandIn query) {
        RegistrationSettings reg = RegistrationSettings.defaults().withRegistry(registry.base());
        return ShellOptions.defaults().withConfigDir(dir)
                .withNmos(NmosOptions.on("Shell test monitor", reg).withQuery(query.base()));
    }

    private Shell open(FxRobot robot, ShellOptions o) {
        robot.interact(() -> shell = Shell.show(stage, o));
        return shell;
    }

    private RegistryStandIn registry() throws IOException {
        RegistryStandIn r = RegistryStandIn.start(0);
        parts.add(r);
        return r;
    }

    /** The node, once it runs. */
    private dev.xsight.nmos.node.NmosNode node() throws Exception {
        WaitForAsyncUtils.waitFor(HANG_S, TimeUnit.SECONDS, () -> shell.nmos().node() != null);
        return shell.nmos().node();
    }

    private static HttpResponse<String> patch(dev.xsight.nmos.node.NmosNode n, ObjectNode body) throws Exception {
        URI staged = URI.create(n.baseUrl() + "/x-nmos/connection/v1.1/single/receivers/" + n.model().ids().receiver()
                + "/staged");
        try (HttpClient c = HttpClient.newHttpClient()) {
            return c.send(HttpRequest.newBuilder(staged).timeout(Duration.ofSeconds(HANG_S))
                    .header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    private static ObjectNode activation(String senderId, JxsvFormat f, int port) {
        ObjectNode b = JSON.createObjectNode();
        b.put("sender_id", senderId);
        b.put("master_enable", true);
        b.putObject("activation").put("mode", "activate_immediate");
        b.putObject("transport_file").put("data", SdpWriter.write(Streams.sdp(f, List.of(port))))
                .put("type", "application/sdp");
        return b;
    }

    private void awaitPicturesFrom(String routedName) throws Exception {
        WaitForAsyncUtils.waitFor(HANG_S, TimeUnit.SECONDS,
                () -> routedName.equals(shell.viewModel().sourceNameProperty().get()));
        long shown = shell.viewModel().framesShownVolatile();
        WaitForAsyncUtils.waitFor(HANG_S, TimeUnit.SECONDS,
                () -> shell.viewModel().framesShownVolatile() >= shown + 3);
        WaitForAsyncUtils.waitFor(HANG_S, TimeUnit.SECONDS, () -> text(new FxRobot(), "#format").startsWith(
                "1920x1080"));
    }

    private List<String> sourceLabels(FxRobot robot) {
        List<String> out = new ArrayList<>();
        robot.interact(() -> shell.viewModel().sources().forEach(e -> out.add(e.label())));
        return out;
    }

    /** The Connect button of the browser's row for {@code label}. */
    private static Button connectButton(FxRobot robot, String label) {
        for (ListCell<?> c : robot.lookup("#nmos-senders .list-cell").queryAllAs(ListCell.class)) {
            if (c.getItem() instanceof JxsSender s && s.label().equals(label)) {
                return robot.from(c).lookup(".nmos-connect").queryButton();
            }
        }
        throw new AssertionError("no row for " + label + " in the registry browser");
    }

    private static String browserMessage(FxRobot robot) {
        return robot.lookup("#nmos-browser-message").queryAs(Label.class).getText();
    }

    // ---- the tests ----

    @Test
    void connectInTheRegistryBrowserShowsTheSendersPicturesInTheMainViewer(FxRobot robot) throws Exception {
        JxsvFormat f = Streams.controllerFormat(PacketMode.CODESTREAM);
        int port = Streams.freePort();
        RegistryStandIn registry = registry();
        QueryStandIn query = registryWithCamera(f, port);
        new Transmitter(f, port);
        open(robot, options(registry, query));
        // The node registers (IS-04 order) and says so under the source list.
        assertEquals("POST node", registry.nextNonHeartbeat().summary());
        assertEquals("POST device", registry.nextNonHeartbeat().summary());
        assertEquals("POST receiver", registry.nextNonHeartbeat().summary());
        WaitForAsyncUtils.waitFor(HANG_S, TimeUnit.SECONDS,
                () -> text(robot, "#nmos-status").contains("registered with " + registry.base()));
        assertEquals(0, shell.viewModel().framesShownVolatile(), "no source chosen yet");

        robot.push(KeyCode.CONTROL, KeyCode.N);
        WaitForAsyncUtils.waitFor(HANG_S, TimeUnit.SECONDS,
                () -> robot.lookup("#nmos-senders .nmos-connect").queryAll().size() == 1);
        WaitForAsyncUtils.waitFor(HANG_S, TimeUnit.SECONDS, () -> browserMessage(robot).endsWith("· live"));
        assertEquals("1 JPEG XS sender · live", browserMessage(robot), "the audio sender is not listed");
        assertTrue(robot.lookup("#nmos-senders .source-detail").queryAs(Label.class).getText()
                .startsWith("1920x1080p25 · High444.12 2k-1 Sublev3bpp · 110 Mb/s"));

        robot.clickOn(connectButton(robot, CAMERA));
        WaitForAsyncUtils.waitFor(HANG_S, TimeUnit.SECONDS,
                () -> browserMessage(robot).equals("Connected \"" + CAMERA + "\" to this monitor"));
        awaitPicturesFrom(ROUTED);
        assertTrue(sourceLabels(robot).contains(ROUTED), sourceLabels(robot).toString());
        SourceEntry selected = shell.viewModel().selectedProperty().get();
        assertEquals(ROUTED, selected.label());
        // The receiver's IS-04 subscription names the sender, as re-registered after the activation.
        RegistryStandIn.Request r;
        do {
            r = registry.nextNonHeartbeat();
        } while (!r.summary().equals("POST receiver") || !r.body().at("/data/subscription/active").asBoolean());
        assertEquals(cameraId, r.body().at("/data/subscription/sender_id").asText());

        // A sender added to the registry appears in the open browser (websocket subscription).
        String other = UUID.randomUUID().toString();
        query.put("senders", QueryStandIn.sender(other, "Camera 8", flowId));
        WaitForAsyncUtils.waitFor(HANG_S, TimeUnit.SECONDS,
                () -> robot.lookup("#nmos-senders .nmos-connect").queryAll().size() == 2);
    }

    @Test
    void anExternalPatchSwitchesTheViewerAndMasterEnableFalseReturnsToThePreviousSource(FxRobot robot)
            throws Exception {
        JxsvFormat f = Streams.controllerFormat(PacketMode.CODESTREAM);
        int port = Streams.freePort();
        int port2 = Streams.freePort();
        RegistryStandIn registry = registry();
        QueryStandIn query = registryWithCamera(f, port);
        new Transmitter(f, port);
        new Transmitter(f, port2);
        open(robot, options(registry, query));
        robot.interact(() -> shell.viewModel().selectKind("demo"));
        WaitForAsyncUtils.waitFor(HANG_S, TimeUnit.SECONDS, () -> shell.viewModel().framesShownVolatile() > 0);
        SourceEntry demo = shell.viewModel().selectedProperty().get();
        assertEquals("demo", demo.kind());
        var node = node();
        assertTrue(java.nio.file.Files.isRegularFile(dir.resolve("shell").resolve("nmos-node.json")),
                "the shell node's IDs are kept apart from nmos-node's");

        // A controller routes the camera: the label comes from the Query API (the browser was never opened).
        HttpResponse<String> a = patch(node, activation(cameraId, f, port));
        assertEquals(200, a.statusCode(), a.body());
        awaitPicturesFrom(ROUTED);

        // A new activation switches, in the same process, to a sender the registry does not know: the SDP's name.
        String unknown = UUID.randomUUID().toString();
        HttpResponse<String> b = patch(node, activation(unknown, f, port2));
        assertEquals(200, b.statusCode(), b.body());
        awaitPicturesFrom("NMOS: routed from nmos test sender");
        assertEquals(1, sourceLabels(robot).stream().filter(l -> l.startsWith("NMOS:")).count(),
                "one routed entry, renamed: " + sourceLabels(robot));

        ObjectNode off = JSON.createObjectNode().put("master_enable", false);
        off.putObject("activation").put("mode", "activate_immediate");
        HttpResponse<String> c = patch(node, off);
        assertEquals(200, c.statusCode(), c.body());
        WaitForAsyncUtils.waitFor(HANG_S, TimeUnit.SECONDS, () -> shell.viewModel().selectedProperty().get() == demo);
        WaitForAsyncUtils.waitFor(HANG_S, TimeUnit.SECONDS,
                () -> sourceLabels(robot).stream().noneMatch(l -> l.startsWith("NMOS:")));
        long shown = shell.viewModel().framesShownVolatile();
        WaitForAsyncUtils.waitFor(HANG_S, TimeUnit.SECONDS,
                () -> shell.viewModel().framesShownVolatile() > shown + 2);
        assertTrue(text(robot, "#source-title").startsWith("Demo"), text(robot, "#source-title"));
    }

    @Test
    void deactivationWithNothingShownBeforeLeavesNoSignal(FxRobot robot) throws Exception {
        JxsvFormat f = Streams.controllerFormat(PacketMode.CODESTREAM);
        int port = Streams.freePort();
        RegistryStandIn registry = registry();
        QueryStandIn query = registryWithCamera(f, port);
        new Transmitter(f, port);
        open(robot, options(registry, query));
        var node = node();
        assertEquals(200, patch(node, activation(cameraId, f, port)).statusCode());
        awaitPicturesFrom(ROUTED);
        ObjectNode off = JSON.createObjectNode().put("master_enable", false);
        off.putObject("activation").put("mode", "activate_immediate");
        assertEquals(200, patch(node, off).statusCode());
        WaitForAsyncUtils.waitFor(HANG_S, TimeUnit.SECONDS, () -> "no signal".equals(text(robot, "#format")));
        assertNull(shell.viewModel().selectedProperty().get());
        assertTrue(text(robot, "#status").contains("no signal"), text(robot, "#status"));
        assertTrue(sourceLabels(robot).stream().noneMatch(l -> l.startsWith("NMOS:")), sourceLabels(robot).toString());
    }

    @Test
    void failuresAreMessagesInTheBrowserAndItGoesOn(FxRobot robot) throws Exception {
        JxsvFormat f = Streams.controllerFormat(PacketMode.CODESTREAM);
        RegistryStandIn registry = registry();
        QueryStandIn query = registryWithCamera(f, Streams.freePort());
        ObjectNode gone = QueryStandIn.sender(UUID.randomUUID().toString(), "Gone camera", flowId);
        gone.put("manifest_href", manifest("gone", 404, "{\"code\":404}"));
        query.put("senders", gone);
        ObjectNode broken = QueryStandIn.sender(UUID.randomUUID().toString(), "Broken camera", flowId);
        broken.put("manifest_href", manifest("broken", 200, "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=x\r\n"));
        query.put("senders", broken);
        open(robot, options(registry, query));
        node();
        robot.interact(() -> shell.nmos().openBrowser());
        WaitForAsyncUtils.waitFor(HANG_S, TimeUnit.SECONDS,
                () -> robot.lookup("#nmos-senders .nmos-connect").queryAll().size() == 3);

        robot.clickOn(connectButton(robot, "Gone camera"));
        WaitForAsyncUtils.waitFor(HANG_S, TimeUnit.SECONDS, () -> browserMessage(robot).endsWith("answered 404"));
        assertTrue(browserMessage(robot).startsWith("The SDP of \"Gone camera\" at http://127.0.0.1:"),
                browserMessage(robot));

        robot.clickOn(connectButton(robot, "Broken camera"));
        WaitForAsyncUtils.waitFor(HANG_S, TimeUnit.SECONDS,
                () -> browserMessage(robot).startsWith("Our receiver refused \"Broken camera\" (400): "));
        assertTrue(browserMessage(robot).contains("SDP"), browserMessage(robot));

        // The registry goes away: the browser says so, Refresh says it is gone, and the worker still answers.
        query.dropWebsockets();
        WaitForAsyncUtils.waitFor(HANG_S, TimeUnit.SECONDS,
                () -> browserMessage(robot).startsWith("Lost the registry"));
        parts.remove(query);
        query.close();
        robot.clickOn("#nmos-refresh");
        WaitForAsyncUtils.waitFor(HANG_S, TimeUnit.SECONDS,
                () -> browserMessage(robot).startsWith("The registry did not answer: "));
        robot.clickOn(connectButton(robot, "Gone camera"));
        WaitForAsyncUtils.waitFor(HANG_S, TimeUnit.SECONDS, () -> browserMessage(robot).endsWith("answered 404"));
        assertNull(shell.viewModel().selectedProperty().get(), "nothing was routed");
    }

    @Test
    void withTheSettingOffNoNodeRunsAndItsPortIsNotServed(FxRobot robot) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        NmosOptions off = new NmosOptions(false, InetAddress.getLoopbackAddress(), port, "off",
                RegistrationSettings.defaults(), null, false);
        open(robot, ShellOptions.defaults().withConfigDir(dir).withNmos(off));
        WaitForAsyncUtils.waitForFxEvents();
        assertNull(shell.nmos());
        assertTrue(robot.lookup("#nmos-status").tryQuery().isEmpty());
        assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
        robot.push(KeyCode.CONTROL, KeyCode.N);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(text(robot, "#status").startsWith("NMOS is off"), text(robot, "#status"));
        assertFalse(robot.listWindows().stream().anyMatch(w -> w instanceof Stage st
                && "Xsight · NMOS registry".equals(st.getTitle())));
    }
}
