package dev.xsight.shell.monitoring;

import dev.xsight.scope.Scopes;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The scopes panel beside the viewer: the {@link ScopeFeed}'s images in the chosen {@link ScopeLayout}, each with
 * its graticule read-outs (10-bit codes and percent of full scale on the waveform and parade, the bar targets on
 * the vectorscope). Binds to a {@link MonitoringViewModel}; holds no state of its own. FX thread.
 */
final class ScopePanel extends VBox {
    static final double WIDTH = 420;
    private final Map<ScopeFeed.Kind, Tile> tiles = new EnumMap<>(ScopeFeed.Kind.class);
    private final GridPane grid = new GridPane();

    ScopePanel(MonitoringViewModel vm) {
        setId("scopes-panel");
        getStyleClass().add("scopes-panel");
        setPrefWidth(WIDTH);
        setMinWidth(WIDTH);
        setMaxWidth(WIDTH);
        setPadding(new Insets(6));
        setSpacing(4);
        Label header = new Label("SCOPES");
        header.getStyleClass().add("panel-header");
        Label caption = new Label();
        caption.getStyleClass().add("scope-caption");
        caption.textProperty().bind(vm.layoutProperty().map(l -> MonitoringViewModel.label(l) + " · W on/off · "
                + "Shift+W next"));
        for (ScopeFeed.Kind k : ScopeFeed.Kind.values()) {
            tiles.put(k, new Tile(k, vm.feed()));
        }
        grid.setHgap(4);
        grid.setVgap(4);
        VBox.setVgrow(grid, Priority.ALWAYS);
        getChildren().addAll(header, caption, grid);
        vm.layoutProperty().addListener((o, was, is) -> arrange(is));
        arrange(vm.layoutProperty().get());
        visibleProperty().bind(vm.scopesVisibleProperty());
        managedProperty().bind(visibleProperty());
    }

    /** The tile of scope {@code k} (for tests). */
    Region tile(ScopeFeed.Kind k) {
        return tiles.get(k);
    }

    private void arrange(ScopeLayout l) {
        grid.getChildren().clear();
        List<ScopeFeed.Kind> kinds = l.kinds();
        boolean quad = kinds.size() == 4;
        double w = quad ? (WIDTH - 16) / 2 : WIDTH - 12;
        for (int i = 0; i < kinds.size(); i++) {
            Tile t = tiles.get(kinds.get(i));
            double h = kinds.get(i) == ScopeFeed.Kind.VECTORSCOPE ? w : w * 0.6;
            t.setPrefSize(w, h);
            t.setMinSize(w, h);
            t.setMaxSize(w, h);
            grid.add(t, quad ? i % 2 : 0, quad ? i / 2 : 0);
            GridPane.setValignment(t, javafx.geometry.VPos.TOP);
        }
    }

    /** One scope image with graticule labels placed at fractions of the image. */
    private static final class Tile extends Region {
        private final ImageView image = new ImageView();
        private final List<Label> labels = new ArrayList<>();
        private final List<double[]> at = new ArrayList<>();
        private final boolean square;

        Tile(ScopeFeed.Kind kind, ScopeFeed feed) {
            setId("scope-" + kind.name().toLowerCase(java.util.Locale.ROOT));
            getStyleClass().add("scope-tile");
            image.setImage(feed.image(kind));
            image.setSmooth(true);
            getChildren().add(image);
            square = kind == ScopeFeed.Kind.VECTORSCOPE;
            switch (kind) {
                case WAVEFORM, PARADE -> {
                    // Percent of the display's full code range (ScopeImages' 25% graticule) and the narrow-range
                    // black and white codes.
                    int[] codes = {1023, 767, 512, 256, 0};
                    String[] pct = {"100%", "75%", "50%", "25%", "0%"};
                    for (int i = 0; i < codes.length; i++) {
                        label(pct[i] + " " + codes[i], 0.005, row(codes[i]), "scope-label");
                    }
                    label("940", 0.93, row(ScopeFeed.NARROW_WHITE), "scope-label-range");
                    label("64", 0.95, row(ScopeFeed.NARROW_BLACK), "scope-label-range");
                }
                case VECTORSCOPE -> {
                    Scopes geometry = new Scopes(8, ScopeFeed.VECTOR, false);
                    int[][] t = geometry.barTargets(1.0);
                    String[] names = {"R", "Yl", "G", "Cy", "B", "Mg"};
                    for (int i = 0; i < 6; i++) {
                        label(names[i], (t[i][0] + 8.0) / ScopeFeed.VECTOR, (t[i][1] - 14.0) / ScopeFeed.VECTOR,
                                "scope-label");
                    }
                    int[] skin = geometry.skinToneLineEnd();
                    label("skin", (skin[0] + 4.0) / ScopeFeed.VECTOR, (skin[1] + 4.0) / ScopeFeed.VECTOR,
                            "scope-label");
                    label("75% □  100% ▢", 0.02, 0.95, "scope-label");
                }
                case HISTOGRAM -> {
                    label("0", 0.005, 0.9, "scope-label");
                    label("512", 0.48, 0.9, "scope-label");
                    label("1023", 0.9, 0.9, "scope-label");
                    label("R G B luma, log count", 0.005, 0.01, "scope-label");
                }
            }
        }

        private static double row(int code) {
            return (double) ScopeFeed.traceRow(code) / ScopeFeed.TRACE_HEIGHT;
        }

        private void label(String text, double fx, double fy, String style) {
            Label l = new Label(text);
            l.getStyleClass().add(style);
            l.setMouseTransparent(true);
            labels.add(l);
            at.add(new double[] {fx, fy});
            getChildren().add(l);
        }

        @Override
        protected void layoutChildren() {
            double w = getWidth(), h = getHeight();
            double iw = square ? Math.min(w, h) : w, ih = square ? iw : h;
            double x0 = (w - iw) / 2, y0 = (h - ih) / 2;
            image.setFitWidth(iw);
            image.setFitHeight(ih);
            image.relocate(x0, y0);
            for (int i = 0; i < labels.size(); i++) {
                Label l = labels.get(i);
                l.autosize();
                double lx = x0 + at.get(i)[0] * iw, ly = y0 + at.get(i)[1] * ih - l.getHeight() / 2;
                l.relocate(Math.max(0, Math.min(w - l.getWidth(), lx)), Math.max(0, Math.min(h - l.getHeight(), ly)));
            }
        }
    }
}
