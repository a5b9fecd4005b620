package dev.xsight.review;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

/**
 * A transparent layer laid over the viewer: drags with the current {@link #toolProperty() tool} add
 * {@link Drawing}s to {@link #drawings()} in normalised 0-1 coordinates of the layer's size (lay it exactly over
 * the picture), and every drawing in that list is painted. The shell sets the list to the drawings of the notes
 * under the playhead while playing, or to the note being written while drawing.
 *
 * <p>FX thread only. Set {@link #setDrawingEnabled(boolean)} false to let clicks through to the viewer.
 */
public final class DrawingLayer extends Pane {
    private final Canvas canvas = new Canvas();
    private final ObservableList<Drawing> drawings = FXCollections.observableArrayList();
    private final ObjectProperty<DrawingTool> tool = new SimpleObjectProperty<>(this, "tool", DrawingTool.PEN);
    private final ObjectProperty<StrokeStyle> style = new SimpleObjectProperty<>(this, "strokeStyle", StrokeStyle.DEFAULT);
    private final StringProperty label = new SimpleStringProperty(this, "label", "Text");
    private final List<NormalizedPoint> stroke = new ArrayList<>();
    private NormalizedPoint anchor;
    private Drawing preview;
    private boolean enabled = true;

    public DrawingLayer() {
        getStyleClass().add("drawing-layer");
        getChildren().add(canvas);
        canvas.setMouseTransparent(true);
        setPickOnBounds(true);
        widthProperty().addListener((o, a, b) -> resizeCanvas());
        heightProperty().addListener((o, a, b) -> resizeCanvas());
        drawings.addListener((ListChangeListener<Drawing>) c -> redraw());
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
    }

    /** The drawings shown (and appended to by the user). */
    public ObservableList<Drawing> drawings() {
        return drawings;
    }

    public ObjectProperty<DrawingTool> toolProperty() {
        return tool;
    }

    public ObjectProperty<StrokeStyle> strokeStyleProperty() {
        return style;
    }

    /** The text the TEXT tool places. */
    public StringProperty labelProperty() {
        return label;
    }

    public void setDrawingEnabled(boolean on) {
        enabled = on;
        setMouseTransparent(!on);
    }

    private NormalizedPoint at(MouseEvent e) {
        double w = Math.max(1, getWidth());
        double h = Math.max(1, getHeight());
        return NormalizedPoint.clamped(e.getX() / w, e.getY() / h);
    }

    private void pressed(MouseEvent e) {
        if (!enabled) {
            return;
        }
        anchor = at(e);
        stroke.clear();
        stroke.add(anchor);
        e.consume();
    }

    private void dragged(MouseEvent e) {
        if (!enabled || anchor == null) {
            return;
        }
        NormalizedPoint p = at(e);
        if (tool.get() == DrawingTool.PEN && stroke.size() < Drawing.MAX_PEN_POINTS) {
            stroke.add(p);
        }
        preview = make(p);
        redraw();
        e.consume();
    }

    private void released(MouseEvent e) {
        if (!enabled || anchor == null) {
            return;
        }
        Drawing d = make(at(e));
        anchor = null;
        preview = null;
        if (d != null) {
            drawings.add(d);
        } else {
            redraw();
        }
        e.consume();
    }

    private Drawing make(NormalizedPoint p) {
        StrokeStyle s = style.get();
        return switch (tool.get()) {
            case PEN -> new Drawing.Pen(stroke, s);
            case ARROW -> p.equals(anchor) ? null : new Drawing.Arrow(anchor, p, s);
            case RECTANGLE -> p.equals(anchor) ? null : new Drawing.Rectangle(anchor, p, s);
            case ELLIPSE -> p.equals(anchor) ? null : new Drawing.Ellipse(anchor, p, s);
            case TEXT -> label.get() == null || label.get().isBlank() ? null : new Drawing.Text(p, label.get(), s);
        };
    }

    private void resizeCanvas() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        redraw();
    }

    private void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        for (Drawing d : drawings) {
            paint(g, d, w, h);
        }
        if (preview != null) {
            paint(g, preview, w, h);
        }
    }

    /** Paints one drawing scaled to {@code w x h}; line widths scale with the height. */
    public static void paint(GraphicsContext g, Drawing d, double w, double h) {
        StrokeStyle s = d.style();
        Color c = Color.web(s.colour());
        g.setStroke(c);
        g.setFill(c);
        g.setLineWidth(Math.max(1, s.width() * h));
        switch (d) {
            case Drawing.Pen p -> {
                g.beginPath();
                NormalizedPoint first = p.points().getFirst();
                g.moveTo(first.x() * w, first.y() * h);
                for (NormalizedPoint q : p.points()) {
                    g.lineTo(q.x() * w, q.y() * h);
                }
                g.stroke();
            }
            case Drawing.Arrow a -> {
                double x0 = a.from().x() * w;
                double y0 = a.from().y() * h;
                double x1 = a.to().x() * w;
                double y1 = a.to().y() * h;
                g.strokeLine(x0, y0, x1, y1);
                double ang = Math.atan2(y1 - y0, x1 - x0);
                double head = Math.max(8, s.width() * h * 5);
                g.strokeLine(x1, y1, x1 - head * Math.cos(ang - Math.PI / 7), y1 - head * Math.sin(ang - Math.PI / 7));
                g.strokeLine(x1, y1, x1 - head * Math.cos(ang + Math.PI / 7), y1 - head * Math.sin(ang + Math.PI / 7));
            }
            case Drawing.Rectangle r -> g.strokeRect(Math.min(r.corner().x(), r.opposite().x()) * w,
                    Math.min(r.corner().y(), r.opposite().y()) * h, Math.abs(r.corner().x() - r.opposite().x()) * w,
                    Math.abs(r.corner().y() - r.opposite().y()) * h);
            case Drawing.Ellipse el -> g.strokeOval(Math.min(el.corner().x(), el.opposite().x()) * w,
                    Math.min(el.corner().y(), el.opposite().y()) * h,
                    Math.abs(el.corner().x() - el.opposite().x()) * w,
                    Math.abs(el.corner().y() - el.opposite().y()) * h);
            case Drawing.Text t -> {
                g.setFont(Font.font(Math.max(8, s.width() * 8 * h)));
                g.fillText(t.text(), t.at().x() * w, t.at().y() * h);
            }
        }
    }
}
