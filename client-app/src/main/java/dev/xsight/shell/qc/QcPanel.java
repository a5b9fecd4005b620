package dev.xsight.shell.qc;

import dev.xsight.qc.QcEvent;
import dev.xsight.qc.audio.LoudnessMeter;
import dev.xsight.qc.audio.LoudnessReadings;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The live QC panel: the profile, a counter per event type the profile enables ({@code #qc-black} ...), the
 * loudness meter's momentary, short-term and integrated loudness and range ({@code #qc-loudness}), the frames
 * analysed and the frames skipped whole because the worker was behind ({@code #qc-skipped}). Reads them four times a
 * second.
 *
 * <p>Threading: FX thread.
 */
public final class QcPanel extends VBox {
    private final LiveQc qc;
    private final Map<QcEvent.Type, Label> counters = new EnumMap<>(QcEvent.Type.class);
    private final Label skipped = new Label();
    private final Label loudness = new Label();
    private final Timeline poll;

    public QcPanel(LiveQc qc) {
        super(4);
        this.qc = qc;
        getStyleClass().add("qc-panel");
        setId("qc-panel");
        Label header = new Label("AUTO-QC · " + qc.profile().name());
        header.getStyleClass().add("panel-header");
        FlowPane grid = new FlowPane(10, 2);
        for (QcEvent.Type t : QcEvent.Type.values()) {
            if (qc.profile().enabled(t)) {
                Label l = new Label();
                l.setId("qc-" + t.word());
                l.getStyleClass().add("qc-counter");
                counters.put(t, l);
                grid.getChildren().add(l);
            }
        }
        skipped.setId("qc-skipped");
        loudness.setId("qc-loudness");
        getChildren().addAll(header, grid, loudness, skipped);
        refresh();
        poll = new Timeline(new KeyFrame(Duration.millis(250), e -> refresh()));
        poll.setCycleCount(Timeline.INDEFINITE);
        poll.play();
    }

    private void refresh() {
        counters.forEach((t, l) -> {
            long n = qc.count(t);
            l.setText(t.word() + " " + n);
            l.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("found"), n > 0);
        });
        skipped.setText(qc.framesAnalysed() + " frames checked · " + qc.framesSkipped() + " skipped");
        LoudnessMeter meter = qc.loudness();
        if (meter == null) {
            loudness.setText("");
        } else {
            LoudnessReadings.Reading r = meter.readings().read();
            loudness.setText(String.format(Locale.ROOT, "M %s · S %s · I %s LUFS · LRA %.1f LU",
                    lufs(r.momentaryLufs()), lufs(r.shortTermLufs()), lufs(r.integratedLufs()), r.rangeLu()));
        }
    }

    private static String lufs(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", v) : "-inf";
    }

    /** Stops reading the counters. */
    public void stop() {
        poll.stop();
    }
}
