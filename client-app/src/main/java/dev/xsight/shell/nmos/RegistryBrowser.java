package dev.xsight.shell.nmos;

import dev.xsight.nmos.query.JxsSender;
import dev.xsight.nmos.query.JxsSenderList;
import dev.xsight.nmos.query.QueryClient;
import dev.xsight.nmos.query.QueryException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry browser: a window listing the facility's JPEG XS senders live (Query API GETs, then websocket
 * subscriptions, through {@link JxsSenderList}) with label, format and a Connect button that routes the sender to
 * this monitor ({@link SenderRouting#connect}). Every failure (no registry, a registry gone, a bad SDP, a refused
 * PATCH) is a message in the window; the worker thread goes on.
 *
 * <p>Threading: built and used on the FX thread; network work runs on {@code xsight-nmos-browser}, one task at a
 * time; the sender list's updates arrive on the websocket client's threads and are posted to the FX thread.
 */
final class RegistryBrowser {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryBrowser.class);

    private final Stage stage = new Stage();
    private final SenderRouting routing;
    private final SenderNames names;
    private final ObservableList<JxsSender> senders = FXCollections.observableArrayList();
    private final Label registry = new Label("Looking for a registry …");
    private final Label message = new Label("");
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("xsight-nmos-browser").daemon(true).unstarted(r));
    // Worker thread only.
    private JxsSenderList live;
    private QueryClient client;
    // FX thread only.
    private boolean loaded;
    private boolean closed;

    RegistryBrowser(Window owner, SenderRouting routing, SenderNames names) {
        this.routing = routing;
        this.names = names;
        registry.setId("nmos-registry");
        registry.getStyleClass().add("source-detail");
        message.setId("nmos-browser-message");
        message.getStyleClass().add("nmos-message");
        message.setWrapText(true);
        message.setMaxWidth(Double.MAX_VALUE);
        Label title = new Label("JPEG XS SENDERS");
        title.getStyleClass().add("panel-header");
        ListView<JxsSender> list = new ListView<>(senders);
        list.setId("nmos-senders");
        list.getStyleClass().add("source-list");
        list.setCellFactory(v -> new SenderCell());
        list.setPlaceholder(new Label("No JPEG XS senders listed"));
        Button refresh = new Button("Refresh");
        refresh.setId("nmos-refresh");
        refresh.setOnAction(e -> load());
        refresh.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox foot = new HBox(8, message, spacer, refresh);
        HBox.setHgrow(message, Priority.ALWAYS);
        foot.setAlignment(Pos.CENTER_LEFT);
        foot.getStyleClass().add("status-line");
        VBox head = new VBox(2, title, registry);
        head.getStyleClass().add("nmos-browser-head");
        BorderPane root = new BorderPane(list, head, null, foot, null);
        root.getStyleClass().add("nmos-browser");
        Scene scene = new Scene(root, 560, 420);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
            stage.initOwner(owner);
        }
        stage.setScene(scene);
        stage.setTitle("Xsight · NMOS registry");
    }

    Stage stage() {
        return stage;
    }

    /** Shows the window; the first time (or after a failure, by Refresh) it reads the registry. FX thread. */
    void show() {
        stage.show();
        stage.toFront();
        if (!loaded) {
            load();
        }
    }

    /** Reads the registry again: the Query API, then the senders and their subscriptions. FX thread. */
    void load() {
        if (closed) {
            return;
        }
        loaded = true;
        message.setText("Reading the registry …");
        worker.execute(() -> {
            stopLive();
            try {
                URI base = routing.findQuery();
                Platform.runLater(() -> registry.setText("Query API " + base));
                QueryClient c = new QueryClient(base, SenderRouting.TIMEOUT);
                JxsSenderList l = new JxsSenderList(c);
                client = c;
                live = l;
                l.addListener(this::changed);
                l.addDisconnectListener(why -> say("Lost the registry (" + why + "): the list is no longer live;"
                        + " Refresh to read it again"));
                l.start();
                names.useQuery(base);
                List<JxsSender> now = l.senders();
                changed(now);
                say(now.size() + (now.size() == 1 ? " JPEG XS sender" : " JPEG XS senders") + " · live");
            } catch (RoutingException e) {
                Platform.runLater(() -> registry.setText("No registry"));
                say(e.getMessage());
            } catch (QueryException e) {
                say("The registry did not answer: " + e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("registry browser", e);
                say("The registry could not be read: " + e);
            }
        });
    }

    /** Any thread: a new list of senders. */
    private void changed(List<JxsSender> now) {
        names.remember(now);
        Platform.runLater(() -> senders.setAll(now));
    }

    /** FX thread: routes {@code s} to this monitor. */
    void connect(JxsSender s) {
        if (closed) {
            return;
        }
        message.setText("Connecting \"" + s.label() + "\" …");
        worker.execute(() -> {
            try {
                say(routing.connect(s));
            } catch (RoutingException e) {
                say(e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("registry browser connect", e);
                say("Connecting \"" + s.label() + "\" failed: " + e);
            }
        });
    }

    private void say(String text) {
        Platform.runLater(() -> message.setText(text));
    }

    /** Worker thread: the subscriptions and the client of the last load. */
    private void stopLive() {
        JxsSenderList l = live;
        live = null;
        if (l != null) {
            l.close();
        }
        QueryClient c = client;
        client = null;
        if (c != null) {
            c.close();
        }
    }

    /** Closes the window, the subscriptions and the worker. FX thread. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        stage.close();
        worker.execute(() -> {
            stopLive();
            routing.close();
        });
        worker.shutdown();
    }

    /** Label and format on the left, Connect on the right. */
    private final class SenderCell extends ListCell<JxsSender> {
        private final Label name = new Label();
        private final Label detail = new Label();
        private final Button connect = new Button("Connect");
        private final HBox box;

        SenderCell() {
            name.getStyleClass().add("source-name");
            detail.getStyleClass().add("source-detail");
            connect.getStyleClass().add("nmos-connect");
            VBox text = new VBox(2, name, detail);
            HBox.setHgrow(text, Priority.ALWAYS);
            text.setMaxWidth(Double.MAX_VALUE);
            box = new HBox(8, text, connect);
            box.setAlignment(Pos.CENTER_LEFT);
            connect.setOnAction(e -> {
                if (getItem() != null) {
                    connect(getItem());
                }
            });
        }

        @Override
        protected void updateItem(JxsSender item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            name.setText(item.label().isBlank() ? item.id() : item.label());
            String format = item.format().isBlank() ? "format not described" : item.format();
            detail.setText(format + (item.manifestHref() == null ? " · no SDP" : ""));
            connect.setDisable(item.manifestHref() == null);
            setGraphic(box);
        }
    }
}
