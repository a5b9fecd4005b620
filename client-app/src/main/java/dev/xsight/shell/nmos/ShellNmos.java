package dev.xsight.shell.nmos;

import dev.xsight.input.Action;
import dev.xsight.nmos.connection.ReceivePipeline;
import dev.xsight.nmos.connection.ReceiverParams;
import dev.xsight.nmos.connection.St2110Pipeline;
import dev.xsight.nmos.node.NmosNode;
import dev.xsight.nmos.registration.NodeRegistration;
import dev.xsight.nmos.registration.RegistrationStatus;
import dev.xsight.shell.ShellView;
import dev.xsight.shell.ShellViewModel;
import dev.xsight.shell.SourceEntry;
import dev.xsight.st2110.receive.St2110Receiver;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shell's NMOS node: started with the shell and stopped with it, on its own thread; the registration state
 * under the source list; an IS-05 activation of our receiver makes the main viewer show that stream (the source
 * list's "NMOS: routed from …" entry) and a deactivation returns to the source shown before, or "no signal"; the
 * registry browser ({@code Ctrl+N} or the button under the source list).
 *
 * <p>Threading: created, used and closed on the FX thread. The node starts and stops on {@code xsight-nmos-shell},
 * which also names the routed sender (a Query API request may block); activations arrive on the node's
 * {@code nmos-connection} thread and are handed to it; the view changes are posted to the FX thread.
 */
public final class ShellNmos {
    private static final Logger LOG = LoggerFactory.getLogger(ShellNmos.class);
    /** The subfolder of the settings folder with the shell node's IDs file. */
    public static final String IDS_FOLDER = "shell";

    private final ShellViewModel vm;
    private final Stage owner;
    private final NmosOptions options;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("xsight-nmos-shell").daemon(true).unstarted(r));
    private final RoutedStream routed;
    private final SenderNames names;
    private final StringProperty status = new SimpleStringProperty(this, "status", "NMOS: starting …");
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    // Written on xsight-nmos-shell, read anywhere.
    private volatile NmosNode node;
    private volatile NodeRegistration registration;
    private volatile St2110Pipeline pipeline;
    // FX thread only.
    private SourceEntry before;
    private RegistryBrowser browser;
    private boolean closing;

    private ShellNmos(ShellViewModel vm, Stage owner, NmosOptions options, Path settingsFolder) {
        this.vm = vm;
        this.owner = owner;
        this.options = options;
        this.routed = new RoutedStream(this::pipeline);
        this.names = new SenderNames(options.query(), () -> {
            NodeRegistration r = registration;
            return r == null ? null : r.status().registry();
        });
        thread.execute(() -> start(settingsFolder));
    }

    /**
     * Starts the node as {@code options} say (nothing when it is off), shows its state under the source list and
     * binds {@link Action#NMOS_BROWSER}. FX thread.
     *
     * @param settingsFolder the settings folder; the shell's node keeps its IDs in its {@value #IDS_FOLDER}
     *     subfolder, apart from those of {@code nmos-node}, so that both can run at once as two nodes
     *
     * @return the running part, or null when the setting is off
     */
    public static ShellNmos attach(ShellViewModel vm, ShellView view, Stage owner, NmosOptions options,
            Path settingsFolder) {
        if (!options.enabled()) {
            vm.setHandler(Action.NMOS_BROWSER, () -> vm.statusProperty().set(
                    "NMOS is off in this window (--no-nmos): no node, no registry browser"));
            return null;
        }
        ShellNmos n = new ShellNmos(vm, owner, options, settingsFolder.resolve(IDS_FOLDER));
        Label state = new Label();
        state.setId("nmos-status");
        state.getStyleClass().add("source-detail");
        state.setWrapText(true);
        state.textProperty().bind(n.status);
        Button browse = new Button("NMOS registry …");
        browse.setId("nmos-browse");
        browse.setFocusTraversable(false);
        browse.setMaxWidth(Double.MAX_VALUE);
        browse.setOnAction(e -> n.openBrowser());
        VBox box = new VBox(6, state, browse);
        box.getStyleClass().add("nmos-footer");
        view.setSourceFooter(box);
        vm.setHandler(Action.NMOS_BROWSER, n::openBrowser);
        if (options.browserAtStart()) {
            Platform.runLater(n::openBrowser); // once the main window is up, so the browser opens over it
        }
        return n;
    }

    /** The node once it runs, else null (starting, failed or closed). Any thread. */
    public NmosNode node() {
        return node;
    }

    /** One line: where the node is and how its registration stands, or why it is not running. FX thread. */
    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    /** Opens the registry browser, or brings it to the front. FX thread. */
    public void openBrowser() {
        if (closing) {
            return;
        }
        if (browser == null) {
            browser = new RegistryBrowser(owner, new SenderRouting(options, this::node), names);
        }
        browser.show();
    }

    /** The browser while it is open or hidden, else null. FX thread. */
    RegistryBrowser browser() {
        return browser;
    }

    /** The registry browser's window, or null before it was first opened. FX thread. */
    public Stage browserStage() {
        return browser == null ? null : browser.stage();
    }

    private St2110Pipeline pipeline() {
        return node == null ? null : pipeline;
    }

    /** xsight-nmos-shell: the node, then its registration. */
    private void start(Path settingsFolder) {
        try {
            // The node's pipeline decodes to the relay, which hands the frames to the main viewer.
            Function<St2110Receiver.Options, ReceivePipeline> toViewer = receive -> {
                St2110Pipeline p = new St2110Pipeline(receive, routed);
                pipeline = p;
                return p;
            };
            NmosNode n = NmosNode.start(new NmosNode.Options(options.host(), options.port(), options.label(),
                    settingsFolder, St2110Receiver.Options.defaults().withPictureBuffers(4)), toViewer);
            node = n;
            n.connection().addActivationListener(p -> onThread(() -> activated(p)));
            String where = n.baseUrl();
            post("NMOS node at " + where);
            NodeRegistration r = NodeRegistration.start(options.registration(), n.model()::all, options.label(),
                    n.model().ids().node(), InetAddress.ofLiteral(n.model().settings().host()), n.port());
            registration = r;
            n.model().addListener(r::update);
            r.addListener(st -> post("NMOS node at " + where + " · " + describe(st)));
            post("NMOS node at " + where + " · " + describe(r.status()));
        } catch (Exception e) { // a busy port, an unreadable IDs file: the shell goes on without the node
            LOG.warn("the NMOS node did not start", e);
            post("NMOS node off: " + e.getMessage());
        }
    }

    /** The registration state in words: {@code registered with http://…}, {@code no registry: peer-to-peer} … */
    static String describe(RegistrationStatus st) {
        StringBuilder b = new StringBuilder(switch (st.state()) {
            case IDLE -> "starting";
            case DISCOVERING -> "looking for a registry";
            case REGISTERING -> "registering";
            case REGISTERED -> "registered";
            case PEER_TO_PEER -> "no registry found: peer-to-peer (mDNS)";
            case BACKING_OFF -> "no registry answers: trying again soon";
            case STOPPED -> "stopped";
        });
        if (st.registry() != null && st.state() != dev.xsight.nmos.registration.RegistrationState.BACKING_OFF) {
            b.append(" with ").append(st.registry());
        }
        if (st.lastError() != null && st.state() != dev.xsight.nmos.registration.RegistrationState.REGISTERED) {
            b.append(" (").append(st.lastError().getMessage()).append(')');
        }
        return b.toString();
    }

    /** xsight-nmos-shell: names the sender, then switches the viewer on the FX thread. */
    private void activated(ReceiverParams p) {
        try {
            if (p.masterEnable()) {
                String label = "NMOS: routed from " + names.labelOf(p.senderId(), p.sdp());
                routed.setName(label);
                Platform.runLater(() -> showRouted(label));
            } else {
                Platform.runLater(this::showUnrouted);
            }
        } catch (RuntimeException e) {
            LOG.warn("NMOS activation not shown", e);
        }
    }

    /** FX thread: the routed stream in the list and in the main viewer (a new activation switches it). */
    private void showRouted(String label) {
        if (closing) {
            return;
        }
        SourceEntry cur = vm.selectedProperty().get();
        if (cur != null && !cur.kind().equals(RoutedStream.KIND)) {
            before = cur;
        }
        SourceEntry e = new SourceEntry(RoutedStream.KIND, label, routed.provider(), null);
        vm.putSource(e);
        vm.select(e);
    }

    /** FX thread: master_enable false: back to the source shown before the route, else "no signal". */
    private void showUnrouted() {
        if (closing) {
            return;
        }
        SourceEntry cur = vm.selectedProperty().get();
        boolean showing = cur != null && cur.kind().equals(RoutedStream.KIND);
        if (showing) {
            SourceEntry back = before;
            if (back != null && vm.sources().contains(back) && back.available()
                    && back.provider().input() == dev.xsight.media.SourceProvider.Input.NONE) {
                vm.select(back);
                vm.statusProperty().set("NMOS: receiver disabled; back to " + back.label());
            } else {
                vm.showNoSignal("NMOS: receiver disabled (master_enable false): no signal");
            }
        }
        vm.removeSource(RoutedStream.KIND);
        before = null;
    }

    /** Runs {@code r} on xsight-nmos-shell; nothing once the shell is closing (an activation racing the close). */
    private void onThread(Runnable r) {
        try {
            thread.execute(r);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            LOG.debug("activation after close not shown");
        }
    }

    private void post(String text) {
        Platform.runLater(() -> status.set(text));
    }

    /**
     * Closes the browser, then (on the node's thread) deletes the registration and stops the node. FX thread; does
     * not block.
     *
     * @return completes once the node has stopped and its port is free
     */
    public CompletableFuture<Void> close() {
        if (!closing) {
            closing = true;
            if (browser != null) {
                browser.close();
            }
            thread.execute(() -> {
                try {
                    NodeRegistration r = registration;
                    registration = null;
                    if (r != null) {
                        r.close();
                    }
                    NmosNode n = node;
                    node = null;
                    if (n != null) {
                        n.close();
                    }
                } catch (RuntimeException e) {
                    LOG.warn("the NMOS node did not stop cleanly", e);
                } finally {
                    closed.complete(null);
                }
            });
            thread.shutdown();
        }
        return closed;
    }
}
