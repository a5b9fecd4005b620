package dev.xsight.shell.reference;

import dev.xsight.shell.ShellViewModel;
import java.util.function.Consumer;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.StageStyle;

/**
 * The JavaFX stand-in for the reference output: an undecorated window on a chosen screen, full screen when asked,
 * black around the picture, no UI, showing the viewer's (8-bit, reduced) picture. {@link ReferenceOutputControl}
 * shows it only when the 10-bit OpenGL output cannot be opened (or JavaFX is asked for).
 */
public final class ReferenceWindow {
    private final Stage stage = new Stage(StageStyle.UNDECORATED);
    private final int screenIndex;
    private final boolean fullScreen;

    /**
     * @param screenIndex index into {@link Screen#getScreens()}, or -1 for the last screen (the second monitor
     *     when there is one)
     * @param fullScreen whether to cover the whole screen in full-screen mode
     * @param keys binds the shell's keys to the window's scene
     */
    ReferenceWindow(ShellViewModel vm, int screenIndex, boolean fullScreen, Consumer<Scene> keys) {
        this.screenIndex = screenIndex;
        this.fullScreen = fullScreen;
        ImageView view = new ImageView();
        view.setPreserveRatio(true);
        view.setSmooth(true);
        view.imageProperty().bind(vm.pictureProperty());
        StackPane root = new StackPane(view);
        root.getStyleClass().add("reference-root");
        view.fitWidthProperty().bind(root.widthProperty());
        view.fitHeightProperty().bind(root.heightProperty());
        Scene scene = new Scene(root, Color.BLACK);
        keys.accept(scene);
        stage.setScene(scene);
        stage.setTitle("Xsight reference output");
        stage.setFullScreenExitHint("");
        stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
        stage.setOnHidden(e -> vm.referenceVisibleProperty().set(false));
    }

    void hide() {
        stage.hide();
    }

    void show() {
        var screens = Screen.getScreens();
        Screen screen = screenIndex >= 0 && screenIndex < screens.size() ? screens.get(screenIndex)
                : screens.get(screens.size() - 1);
        Rectangle2D b = screen.getBounds();
        stage.setX(b.getMinX());
        stage.setY(b.getMinY());
        stage.setWidth(b.getWidth());
        stage.setHeight(b.getHeight());
        stage.show();
        stage.setFullScreen(fullScreen);
    }

    /** The window (for tests and screenshots). */
    public Stage stage() {
        return stage;
    }

    void close() {
        stage.setOnHidden(null);
        stage.hide();
    }
}
