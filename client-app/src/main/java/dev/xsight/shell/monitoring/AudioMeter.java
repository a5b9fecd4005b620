package dev.xsight.shell.monitoring;

import dev.xsight.media.audio.AudioLevels;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * A small per-channel audio meter: one horizontal bar per channel whose light part is the RMS level and whose tick
 * is the sample peak, on a -60..0 dBFS scale, with the figures as text. Hidden while the source has no audio.
 * FX thread only; {@link #show} is called a few times a second, not per audio block.
 */
public final class AudioMeter extends VBox {
    /** The bottom of the scale; quieter levels (and digital silence) read as an empty bar. */
    static final double FLOOR_DBFS = -60;
    private static final double BAR_WIDTH = 120;
    private static final int MAX_CHANNELS = 8;

    private final Region[] rmsBars = new Region[MAX_CHANNELS];
    private final Region[] peakTicks = new Region[MAX_CHANNELS];
    private final Label[] figures = new Label[MAX_CHANNELS];
    private final HBox[] rows = new HBox[MAX_CHANNELS];

    public AudioMeter(String id) {
        setId(id);
        getStyleClass().add("audio-meter");
        setSpacing(2);
        setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        setMouseTransparent(true);
        for (int c = 0; c < MAX_CHANNELS; c++) {
            Region track = new Region();
            track.getStyleClass().add("audio-track");
            track.setMinSize(BAR_WIDTH, 6);
            track.setPrefSize(BAR_WIDTH, 6);
            rmsBars[c] = new Region();
            rmsBars[c].getStyleClass().add("audio-rms");
            rmsBars[c].setMaxHeight(6);
            peakTicks[c] = new Region();
            peakTicks[c].getStyleClass().add("audio-peak");
            peakTicks[c].setPrefSize(2, 6);
            peakTicks[c].setMaxSize(2, 6);
            StackPane bar = new StackPane(track, rmsBars[c], peakTicks[c]);
            bar.setAlignment(Pos.CENTER_LEFT);
            bar.setMaxSize(BAR_WIDTH, 6);
            Label name = new Label(channelName(c));
            name.getStyleClass().add("audio-figure");
            name.setMinWidth(14);
            figures[c] = new Label();
            figures[c].getStyleClass().add("audio-figure");
            rows[c] = new HBox(6, name, bar, figures[c]);
            rows[c].setAlignment(Pos.CENTER_LEFT);
        }
        show(AudioLevels.NONE);
    }

    private static String channelName(int c) {
        return switch (c) {
            case 0 -> "L";
            case 1 -> "R";
            default -> Integer.toString(c + 1);
        };
    }

    /** Shows {@code levels} (at most eight channels); hides the meter when there are no channels. */
    public void show(AudioLevels levels) {
        int n = Math.min(levels.channels(), MAX_CHANNELS);
        if (getChildren().size() != n) {
            getChildren().setAll(java.util.Arrays.copyOf(rows, n));
        }
        setVisible(n > 0);
        double[] peak = levels.peakDbfs();
        double[] rms = levels.rmsDbfs();
        for (int c = 0; c < n; c++) {
            rmsBars[c].setMaxWidth(fraction(rms[c]) * BAR_WIDTH);
            rmsBars[c].setPrefWidth(fraction(rms[c]) * BAR_WIDTH);
            peakTicks[c].setTranslateX(Math.max(0, fraction(peak[c]) * BAR_WIDTH - 2));
            figures[c].setText(dbfs(peak[c]) + " / " + dbfs(rms[c]));
        }
    }

    /** The number of channels shown now. */
    public int channelsShown() {
        return getChildren().size();
    }

    /** The peak / RMS text of channel {@code c} (e.g. {@code -6.0 / -9.0 dBFS}). */
    public String figures(int c) {
        return figures[c].getText();
    }

    static double fraction(double dbfs) {
        if (Double.isNaN(dbfs) || dbfs <= FLOOR_DBFS) {
            return 0;
        }
        return Math.min(1, (dbfs - FLOOR_DBFS) / -FLOOR_DBFS);
    }

    private static String dbfs(double v) {
        return Double.isInfinite(v) && v < 0 ? "-inf dBFS" : String.format(Locale.ROOT, "%.1f dBFS", v);
    }
}
