package dev.xsight.shell.monitoring;

import dev.xsight.input.Action;
import dev.xsight.overlay.FramingDecisions;
import dev.xsight.overlay.PixelProbe;
import dev.xsight.render.PictureAnalysis;
import dev.xsight.render.SignalOverlays;
import dev.xsight.shell.ShellViewModel;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The monitoring tools of the viewer: the scopes panel and its layout, the guide overlays (safe areas, framing
 * guides of a loaded ASC FDL), the signal overlays the preview paints (false colour, zebras, out-of-range /
 * out-of-gamut) and the pixel probe. Owns the {@link ScopeFeed} and installs it and the signal overlays on the
 * shell's main viewer; registers the {@code toggle-…} actions.
 *
 * <p>Threading: FX thread only.
 */
public final class MonitoringViewModel implements AutoCloseable {
    private final ShellViewModel shell;
    private final ScopeFeed feed;
    private final BooleanProperty scopesVisible = new SimpleBooleanProperty(this, "scopesVisible", false);
    private final ObjectProperty<ScopeLayout> layout = new SimpleObjectProperty<>(this, "layout", ScopeLayout.QUAD);
    private final BooleanProperty safeAreas = new SimpleBooleanProperty(this, "safeAreas", false);
    private final BooleanProperty framingVisible = new SimpleBooleanProperty(this, "framingVisible", false);
    private final ObjectProperty<FramingDecisions> framing = new SimpleObjectProperty<>(this, "framing");
    private final StringProperty framingName = new SimpleStringProperty(this, "framingName", "");
    private final ObjectProperty<SignalOverlays> signal =
            new SimpleObjectProperty<>(this, "signal", SignalOverlays.NONE);
    private final BooleanProperty probe = new SimpleBooleanProperty(this, "probe", false);
    private final StringProperty probeText = new SimpleStringProperty(this, "probeText", "");
    private final BooleanProperty burntInTimecode = new SimpleBooleanProperty(this, "burntInTimecode", false);

    /** @param compute where the scopes are counted */
    public MonitoringViewModel(ShellViewModel shell, ScopeFeed.Compute compute) {
        this.shell = shell;
        this.feed = new ScopeFeed(Platform::runLater, compute);
        dev.xsight.viewer.Viewer<?> preview = shell.viewer();
        preview.setAnalysisSink(feed::offer);
        scopesVisible.addListener((o, was, is) -> feed.setEnabled(is));
        signal.addListener((o, was, is) -> preview.setOverlays(is));
        probe.addListener((o, was, is) -> {
            if (!is) {
                probeText.set("");
            }
        });
        shell.setHandler(Action.TOGGLE_SCOPES, () -> toggle(scopesVisible, "Scopes (" + label(layout.get()) + ")"));
        shell.setHandler(Action.CYCLE_SCOPE_LAYOUT, () -> {
            layout.set(layout.get().next());
            scopesVisible.set(true);
            say("Scopes: " + label(layout.get()));
        });
        shell.setHandler(Action.TOGGLE_SAFE_AREAS, () -> toggle(safeAreas, "Safe action 93% / safe title 90%"));
        shell.setHandler(Action.TOGGLE_FRAMING_GUIDES, () -> {
            if (framing.get() == null) {
                say("No framing loaded: load an ASC FDL (.fdl) with Load… first");
            } else {
                toggle(framingVisible, "Framing guides of " + framingName.get());
            }
        });
        shell.setHandler(Action.TOGGLE_FALSE_COLOUR, () -> {
            signal.set(signal.get().withFalseColour(!signal.get().falseColour()));
            say("False colour " + onOff(signal.get().falseColour()));
        });
        shell.setHandler(Action.TOGGLE_ZEBRAS, () -> {
            SignalOverlays s = signal.get();
            signal.set(s.withZebras(!s.zebras(), s.zebraPercent()));
            say("Zebras at " + fmt(s.zebraPercent()) + " % " + onOff(signal.get().zebras()));
        });
        shell.setHandler(Action.TOGGLE_SIGNAL_WARNINGS, () -> {
            signal.set(signal.get().withWarnings(!signal.get().warnings()));
            say("Out of range (magenta) / out of gamut (cyan) " + onOff(signal.get().warnings()));
        });
        shell.setHandler(Action.TOGGLE_PIXEL_PROBE, () -> toggle(probe, "Pixel probe (hover the picture)"));
        shell.setHandler(Action.TOGGLE_BURNT_IN_TIMECODE, () -> toggle(burntInTimecode,
                "Burnt-in timecode (the shown picture's)"));
    }

    /** Turns on what {@code o} asks for (the FDL, if any, is loaded by the caller). */
    public void apply(MonitoringOptions o) {
        if (o.scopes() != null) {
            layout.set(o.scopes());
            scopesVisible.set(true);
        }
        safeAreas.set(o.safeAreas());
        signal.set(o.signal());
        probe.set(o.probe());
        burntInTimecode.set(o.timecode());
    }

    /** Shows {@code f} (read from {@code name}) as the framing guides and turns them on. */
    public void setFraming(FramingDecisions f, String name) {
        framing.set(f);
        framingName.set(name);
        framingVisible.set(true);
    }

    /**
     * Updates the probe read-out for picture pixel ({@code x}, {@code y}) of the shown picture, or clears it when
     * the probe is off, the position is outside or the picture has no displayed codes.
     */
    public void probeAt(int x, int y) {
        var p = shell.viewer().shown();
        if (!probe.get() || p == null || !p.analysis().valid() || x < 0 || y < 0
                || x >= p.analysis().codes().width() || y >= p.analysis().codes().height()) {
            probeText.set("");
            return;
        }
        PictureAnalysis a = p.analysis();
        PixelProbe r = PixelProbe.at(a.source(), a.codes().codes(), a.codes().width(), x, y, a.displayTransfer());
        String src = a.source().format().model() == dev.xsight.media.ColourModel.YCBCR ? "Y'CbCr" : "RGB";
        probeText.set(String.format(java.util.Locale.ROOT,
                "x %d  y %d   %s %d %d %d   R'G'B' %d %d %d   %.1f %.1f %.1f cd/m²",
                x * a.factor(), y * a.factor(), src, r.source()[0], r.source()[1], r.source()[2],
                r.displayCodes()[0], r.displayCodes()[1], r.displayCodes()[2], r.nits()[0], r.nits()[1], r.nits()[2]));
    }

    /** Size of the shown picture in pixels {w, h}, or null before the first one with displayed codes. */
    int[] shownSize() {
        var p = shell.viewer().shown();
        return p == null || !p.analysis().valid() ? null
                : new int[] {p.analysis().codes().width(), p.analysis().codes().height()};
    }

    private void toggle(BooleanProperty p, String what) {
        p.set(!p.get());
        say(what + " " + onOff(p.get()));
    }

    private void say(String s) {
        shell.statusProperty().set(s);
    }

    private static String onOff(boolean on) {
        return on ? "on" : "off";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    static String label(ScopeLayout l) {
        return switch (l) {
            case WAVEFORM -> "luma waveform";
            case PARADE -> "RGB parade";
            case VECTORSCOPE -> "vectorscope";
            case HISTOGRAM -> "histogram";
            case QUAD -> "waveform, vectorscope, parade, histogram";
        };
    }

    public ScopeFeed feed() {
        return feed;
    }

    public BooleanProperty scopesVisibleProperty() {
        return scopesVisible;
    }

    public ObjectProperty<ScopeLayout> layoutProperty() {
        return layout;
    }

    public BooleanProperty safeAreasProperty() {
        return safeAreas;
    }

    public BooleanProperty framingVisibleProperty() {
        return framingVisible;
    }

    /** The loaded framing (null until an FDL is loaded). */
    public ObjectProperty<FramingDecisions> framingProperty() {
        return framing;
    }

    public ObjectProperty<SignalOverlays> signalProperty() {
        return signal;
    }

    public BooleanProperty probeProperty() {
        return probe;
    }

    /** Whether the burnt-in timecode window is drawn over the picture. */
    public BooleanProperty burntInTimecodeProperty() {
        return burntInTimecode;
    }

    /** The timecode of the picture on screen (what the burnt-in window shows). */
    javafx.beans.property.ReadOnlyStringProperty shownTimecodeProperty() {
        return shell.timecodeProperty();
    }

    /** The probe read-out ("" when none). */
    public StringProperty probeTextProperty() {
        return probeText;
    }

    @Override
    public void close() {
        shell.viewer().setAnalysisSink(null);
        feed.close();
    }
}
