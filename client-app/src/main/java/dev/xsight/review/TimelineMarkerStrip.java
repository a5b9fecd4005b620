package dev.xsight.review;

import dev.xsight.media.Timecode;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * A strip under the timeline showing each visible note as a marker (red blocker, amber issue, blue FYI) over
 * {@link #startProperty() start} .. start + {@link #lengthFramesProperty() length}, and the playhead. A click asks
 * {@link #setOnSeek(Consumer)} to seek to that frame. FX thread only.
 */
public final class TimelineMarkerStrip extends Region {
    /** The colour of automated QC notes on the strip (the severity is the band along their top). */
    static final Color AUTO_QC = Color.web("#AB47BC");
    private final NotesViewModel vm;
    private final Canvas canvas = new Canvas();
    private final ObjectProperty<Timecode> start = new SimpleObjectProperty<>(this, "start");
    private final ObjectProperty<Long> lengthFrames = new SimpleObjectProperty<>(this, "lengthFrames", 0L);
    private Consumer<Timecode> onSeek = tc -> { };

    public TimelineMarkerStrip(NotesViewModel vm) {
        this.vm = vm;
        getStyleClass().add("timeline-marker-strip");
        getChildren().add(canvas);
        setMinHeight(14);
        setPrefHeight(18);
        vm.visibleNotes().addListener((ListChangeListener<Note>) c -> redraw());
        vm.currentTimecodeProperty().addListener((o, a, b) -> redraw());
        start.addListener((o, a, b) -> redraw());
        lengthFrames.addListener((o, a, b) -> redraw());
        addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            Timecode s = start.get();
            long len = lengthFrames.get();
            if (s != null && len > 0 && getWidth() > 0) {
                long f = Math.round(e.getX() / getWidth() * (len - 1));
                onSeek.accept(s.plusFrames(Math.max(0, Math.min(len - 1, f)), vm.session().rate()));
            }
        });
    }

    /** First frame of the strip (the programme start). */
    public ObjectProperty<Timecode> startProperty() {
        return start;
    }

    /** Frames the strip spans. */
    public ObjectProperty<Long> lengthFramesProperty() {
        return lengthFrames;
    }

    public void setOnSeek(Consumer<Timecode> seek) {
        this.onSeek = seek == null ? tc -> { } : seek;
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        redraw();
    }

    /** Strip x of frame {@code frame}, or NaN outside. */
    public double xOf(long frame) {
        Timecode s = start.get();
        long len = lengthFrames.get();
        if (s == null || len <= 0) {
            return Double.NaN;
        }
        long rel = frame - s.toFrameCount(vm.session().rate());
        return rel < 0 || rel >= len ? Double.NaN : (double) rel / Math.max(1, len - 1) * getWidth();
    }

    private void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(Color.web("#202020"));
        g.fillRect(0, 0, w, h);
        var rate = vm.session().rate();
        for (Note n : vm.visibleNotes()) {
            double x0 = xOf(n.tcIn().toFrameCount(rate));
            double x1 = xOf(n.tcOut().toFrameCount(rate));
            if (Double.isNaN(x0)) {
                continue;
            }
            Color severity = switch (n.severity()) {
                case BLOCKER -> Color.web("#E53935");
                case ISSUE -> Color.web("#FFB300");
                case FYI -> Color.web("#1E88E5");
            };
            double width = Math.max(2, (Double.isNaN(x1) ? w : x1) - x0 + 1);
            if (Note.AUTO_QC_AUTHOR.equals(n.author())) {
                // Automated QC findings: their own colour (violet), with the severity as a band along the top.
                g.setFill(AUTO_QC);
                g.fillRect(x0, 2, width, h - 4);
                g.setFill(severity);
                g.fillRect(x0, 2, width, Math.max(2, (h - 4) / 4));
            } else {
                g.setFill(severity);
                g.fillRect(x0, 2, width, h - 4);
            }
        }
        Timecode now = vm.currentTimecodeProperty().get();
        if (now != null) {
            double x = xOf(now.toFrameCount(rate));
            if (!Double.isNaN(x)) {
                g.setFill(Color.WHITE);
                g.fillRect(x - 0.5, 0, 1.5, h);
            }
        }
    }
}
