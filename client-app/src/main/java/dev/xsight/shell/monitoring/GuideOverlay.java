package dev.xsight.shell.monitoring;

import dev.xsight.overlay.FramingDecisions;
import dev.xsight.overlay.SafeAreas;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

/**
 * The guides drawn over the picture, scaled with it: safe action (93%) and safe title (90%) of SMPTE ST 2046-1 §5,
 * the framing decisions (and their protection areas) of a loaded ASC FDL mapped from canvas onto picture, and
 * the pixel probe's read-out and the burnt-in timecode window. Laid exactly over the picture by {@link ShellView#setViewerOverlay}; lets the mouse
 * through. Binds to a {@link MonitoringViewModel}. FX thread.
 */
final class GuideOverlay extends StackPane {
    /** Colours of the guide lines (they are drawn over the picture, not into it). */
    static final Color SAFE = Color.rgb(235, 235, 235, 0.85), FRAMING = Color.rgb(255, 212, 0),
            PROTECTION = Color.rgb(255, 212, 0, 0.55);
    private final Pane lines = new Pane();
    private final MonitoringViewModel vm;

    GuideOverlay(MonitoringViewModel vm) {
        this.vm = vm;
        setId("guide-overlay");
        setMouseTransparent(true);
        setPickOnBounds(false);
        lines.setId("guide-lines");
        lines.setManaged(false);
        Label probe = new Label();
        probe.setId("pixel-probe");
        probe.getStyleClass().add("pixel-probe");
        probe.textProperty().bind(vm.probeTextProperty());
        probe.visibleProperty().bind(vm.probeTextProperty().isNotEmpty());
        StackPane.setAlignment(probe, Pos.BOTTOM_LEFT);
        // Burnt-in timecode window: the shown picture's own timecode (set with the picture, so it is frame-accurate),
        // bottom centre inside safe title, white on black as a character generator would key it.
        Label bitc = new Label();
        bitc.setId("burnt-in-timecode");
        bitc.getStyleClass().add("burnt-in-timecode");
        bitc.textProperty().bind(vm.shownTimecodeProperty());
        bitc.visibleProperty().bind(vm.burntInTimecodeProperty());
        StackPane.setAlignment(bitc, Pos.BOTTOM_CENTER);
        bitc.translateYProperty().bind(heightProperty().multiply(-0.06));
        getChildren().addAll(lines, probe, bitc);
        Runnable redraw = this::redraw;
        widthProperty().addListener((o, was, is) -> redraw.run());
        heightProperty().addListener((o, was, is) -> redraw.run());
        vm.safeAreasProperty().addListener((o, was, is) -> redraw.run());
        vm.framingVisibleProperty().addListener((o, was, is) -> redraw.run());
        vm.framingProperty().addListener((o, was, is) -> redraw.run());
    }

    private void redraw() {
        double w = getWidth(), h = getHeight();
        lines.getChildren().clear();
        lines.resize(w, h);
        if (w <= 0 || h <= 0) {
            return;
        }
        if (vm.safeAreasProperty().get()) {
            rect(w, h, SafeAreas.ACTION, SAFE, false);
            rect(w, h, SafeAreas.TITLE, SAFE, true);
        }
        FramingDecisions f = vm.framingProperty().get();
        if (vm.framingVisibleProperty().get() && f != null) {
            double sx = w / f.canvasWidth(), sy = h / f.canvasHeight();
            for (FramingDecisions.Guide g : f.guides()) {
                Rectangle r = outline(g.x() * sx, g.y() * sy, g.width() * sx, g.height() * sy,
                        g.protection() ? PROTECTION : FRAMING, g.protection());
                r.setId(g.protection() ? "guide-protection" : "guide-framing");
                if (!g.protection()) {
                    // Protection areas share their decision's label; one label per decision keeps them legible.
                    Label l = new Label(g.label());
                    l.getStyleClass().add("guide-label");
                    l.relocate(g.x() * sx + 4, (g.y() + g.height()) * sy - 18);
                    lines.getChildren().add(l);
                }
            }
        }
    }

    private void rect(double w, double h, double fraction, Color c, boolean dashed) {
        double rw = w * fraction, rh = h * fraction;
        outline((w - rw) / 2, (h - rh) / 2, rw, rh, c, dashed).setId(dashed ? "safe-title" : "safe-action");
    }

    private Rectangle outline(double x, double y, double w, double h, Color c, boolean dashed) {
        // A 2-pixel stroke centred on the rectangle's edge, so it stays visible when the picture is scaled down.
        Rectangle r = new Rectangle(x, y, w, h);
        r.setFill(null);
        r.setStroke(c);
        r.setStrokeWidth(2);
        if (dashed) {
            r.getStrokeDashArray().setAll(8.0, 6.0);
        }
        lines.getChildren().add(r);
        return r;
    }
}
