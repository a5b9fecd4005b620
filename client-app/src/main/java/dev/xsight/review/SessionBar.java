package dev.xsight.review;

import dev.xsight.session.Member;
import dev.xsight.session.SessionException;
import dev.xsight.session.SessionJoin;
import dev.xsight.session.SessionName;
import dev.xsight.session.SessionServer;
import dev.xsight.session.SharedSession;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The shared-session strip above the notes: join form, connection indicator (connected / reconnecting / offline,
 * with the notes still queued), who is here with their role and feed, "follow the driver", leave.
 *
 * <p>A view only: it says what the user asked for through {@link #setOnJoin} and {@link #setOnLeave} and shows
 * what it is told. Threading: FX thread.
 */
public final class SessionBar extends VBox {
    private final Label state = new Label("Not in a shared session");
    private final Label presence = new Label();
    private final CheckBox follow = new CheckBox("Follow the driver");
    private final Button leave = new Button("Leave");
    private final Button join = new Button("Join shared session…");
    private final GridPane form = new GridPane();
    private final TextField server = new TextField();
    private final TextField session = new TextField();
    private final TextField name = new TextField();
    private final TextField ca = new TextField();
    private final TextField creds = new TextField();
    private final ComboBox<Member.Role> role = new ComboBox<>();
    private final Label formError = new Label();
    private final Map<String, Member> here = new LinkedHashMap<>();
    private final javafx.scene.layout.FlowPane layers = new javafx.scene.layout.FlowPane(6, 2);
    private final java.util.Set<String> layerNames = new java.util.TreeSet<>();
    private javafx.collections.ObservableSet<String> hidden = javafx.collections.FXCollections.observableSet();
    private final BooleanProperty following = new SimpleBooleanProperty(this, "following", true);
    private Consumer<SessionJoin> onJoin = j -> { };
    private Runnable onLeave = () -> { };
    private String title = "";

    public SessionBar() {
        setId("session-bar");
        getStyleClass().add("session-bar");
        setSpacing(4);
        setPadding(new Insets(4));
        state.setId("session-state");
        state.setWrapText(true);
        state.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        presence.setId("session-presence");
        presence.setWrapText(true);
        presence.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        follow.setId("session-follow");
        follow.selectedProperty().bindBidirectional(following);
        leave.setId("session-leave");
        join.setId("session-join");
        server.setId("join-server");
        server.setPromptText("tls://review.example.com:4222");
        session.setId("join-session");
        session.setPromptText("session name");
        name.setId("join-name");
        ca.setId("join-ca");
        ca.setPromptText("CA file (PEM), for tls://");
        creds.setId("join-creds");
        creds.setPromptText("credentials file (optional)");
        role.setId("join-role");
        role.getItems().setAll(Member.Role.values());
        role.setValue(Member.Role.REVIEWER);
        formError.setId("join-error");
        formError.setWrapText(true);
        Button go = new Button("Join");
        go.setId("join-go");
        go.setDefaultButton(false);
        go.setOnAction(e -> submit());
        form.setHgap(4);
        form.setVgap(4);
        form.addRow(0, new Label("Server"), server);
        form.addRow(1, new Label("Session"), session);
        form.addRow(2, new Label("Name"), name);
        form.addRow(3, new Label("Role"), role);
        form.addRow(4, new Label("CA"), ca);
        form.addRow(5, new Label("Credentials"), creds);
        form.add(go, 1, 6);
        form.add(formError, 0, 7, 2, 1);
        form.setVisible(false);
        form.setManaged(false);
        join.setOnAction(e -> {
            form.setVisible(!form.isVisible());
            form.setManaged(form.isVisible());
        });
        leave.setOnAction(e -> onLeave.run());
        layers.setId("session-layers");
        showLeft(null);
    }

    /** Called with what the user filled in, checked (URL, name); the caller joins. */
    public void setOnJoin(Consumer<SessionJoin> onJoin) {
        this.onJoin = onJoin;
    }

    public void setOnLeave(Runnable onLeave) {
        this.onLeave = onLeave;
    }

    /** Whether the user follows the driver's playhead and source. */
    public BooleanProperty followingProperty() {
        return following;
    }

    /** Pre-fills the form's name (the review author). */
    public void setDefaultName(String author) {
        name.setText(author);
    }

    private void submit() {
        try {
            SessionServer s = SessionServer.of(server.getText(), blankToNull(ca.getText()),
                    blankToNull(creds.getText()), false);
            SessionJoin j = new SessionJoin(s, new SessionName(session.getText().trim()),
                    new Member(name.getText().isBlank() ? "reviewer" : name.getText().trim(), role.getValue(), ""));
            formError.setText("");
            form.setVisible(false);
            form.setManaged(false);
            onJoin.accept(j);
        } catch (SessionException | IllegalArgumentException e) {
            formError.setText(e.getMessage());
        }
    }

    private static Path blankToNull(String s) {
        return s == null || s.isBlank() ? null : Path.of(s.trim());
    }

    /** Joining {@code j}: shows its name and the leave button. */
    public void showJoining(SessionJoin j) {
        title = "Shared session " + j.name() + " on " + j.server().displayUrl() + " as " + j.member().name() + " ("
                + j.member().role().word() + ")";
        state.setText(title + ": connecting …");
        here.clear();
        presence.setText("");
        layerNames.clear();
        layers.getChildren().clear();
        getChildren().setAll(state, presence, layers, new HBox(8, follow, leave));
    }

    /**
     * One check box per author of the notes: unticked hides that author's notes and drawings (their layer) in
     * {@code hiddenAuthors}.
     */
    public void showLayers(java.util.Collection<String> authors, javafx.collections.ObservableSet<String> hiddenAuthors) {
        hidden = hiddenAuthors;
        if (layerNames.containsAll(authors)) {
            return;
        }
        layerNames.addAll(authors);
        layers.getChildren().setAll(new Label("Layers:"));
        for (String a : layerNames) {
            CheckBox box = new CheckBox(a.isBlank() ? "(no author)" : a);
            box.setId("layer-" + a);
            box.setSelected(!hidden.contains(a));
            box.selectedProperty().addListener((o, was, on) -> {
                if (on) {
                    hidden.remove(a);
                } else {
                    hidden.add(a);
                }
            });
            layers.getChildren().add(box);
        }
    }

    /** The connection's state and how many note changes wait for the server. */
    public void showState(SharedSession.State s, int queued) {
        String what = switch (s) {
            case CONNECTED -> "connected";
            case RECONNECTING -> "reconnecting";
            case CLOSED -> "offline";
        };
        state.setText(title + ": " + what + (queued > 0 ? " · " + queued + (queued == 1 ? " note" : " notes")
                + " queued" : ""));
        state.setStyle(s == SharedSession.State.CONNECTED ? "" : "-fx-text-fill: #ff8a65;");
        pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("offline"), s != SharedSession.State.CONNECTED);
    }

    /** Someone joined or left. */
    public void presence(Member m, boolean joined) {
        if (joined) {
            here.put(m.name(), m);
        } else {
            here.remove(m.name());
        }
        java.util.StringJoiner b = new java.util.StringJoiner(", ", "Here: ", "").setEmptyValue("");
        for (Member x : here.values()) {
            b.add(x.name() + " (" + x.role().word() + (x.feed().isBlank() ? "" : ", " + x.feed()) + ")");
        }
        presence.setText(b.toString());
    }

    /** Not (or no longer) in a shared session; {@code why} says why when it failed. */
    public void showLeft(String why) {
        title = "";
        here.clear();
        state.setText(why == null ? "Not in a shared session" : "Not in a shared session: " + why);
        presence.setText("");
        getChildren().setAll(state, join, form);
    }

    /** The names shown as present, for tests and the status line. */
    public java.util.Set<String> presentNames() {
        return java.util.Set.copyOf(here.keySet());
    }
}
