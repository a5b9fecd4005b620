package dev.xsight.shell;

import dev.xsight.input.Keymap;
import dev.xsight.qc.QcProfile;
import dev.xsight.shell.monitoring.MonitoringOptions;
import dev.xsight.shell.monitoring.ScopeFeed;
import dev.xsight.shell.nmos.NmosOptions;
import dev.xsight.shell.pipeline.PipelineSetting;
import dev.xsight.shell.reference.ReferenceOutputControl;
import java.nio.file.Path;

/**
 * Every setting the shell starts with, as one value: the shell reads no system properties. The only
 * {@code -Dxsight.*} properties a person may still pass, {@code xsight.config.dir} and {@code xsight.scopes.gpu}
 * (see {@code docs/cli/shell.md} and {@code docs/cli/shell-overlays.md}), are read once, by {@link #defaults()}.
 *
 * @param registry the sources to offer
 * @param keymap the key bindings
 * @param width initial main-window width
 * @param height initial main-window height
 * @param review the review session to open in the notes slot, or {@code null} for none
 * @param rendering how the preview and the scopes are computed, and a pipeline forced for every source
 * @param reference where and how the reference output opens
 * @param monitoring the scopes and overlays that are on at start
 * @param configDir the folder of {@code pipelines.json} (and of the user's QC profiles, {@code qc-profiles/})
 * @param qc the QC profile whose checks run live on the main viewer's frames, or {@code null} for no live QC
 * @param nmos whether the shell runs an NMOS node while it is open, and how ({@link NmosOptions#OFF} for none; its IDs
 *     are kept under {@code configDir})
 */
public record ShellOptions(SourceRegistry registry, Keymap keymap, double width, double height, ReviewOptions review,
                           Rendering rendering, Reference reference, MonitoringOptions monitoring, Path configDir,
                           QcProfile qc, NmosOptions nmos) {
    public ShellOptions {
        java.util.Objects.requireNonNull(nmos, "nmos");
    }

    /**
     * How pictures are computed.
     *
     * @param pipeline a display pipeline forced for every source and never saved (the CLI's {@code --pipeline}),
     *     or {@code null} for each source kind's saved choice
     * @param glPreview whether the preview tries OpenGL before the CPU
     * @param scopes where the scopes are counted
     */
    public record Rendering(PipelineSetting pipeline, boolean glPreview, ScopeFeed.Compute scopes) {
        /** Each source's saved pipeline, the preview on OpenGL when it can be had, the scopes where faster. */
        public static final Rendering DEFAULT = new Rendering(null, true, ScopeFeed.Compute.AUTO);

        public Rendering withPipeline(PipelineSetting p) {
            return new Rendering(p, glPreview, scopes);
        }

        public Rendering withGlPreview(boolean gl) {
            return new Rendering(pipeline, gl, scopes);
        }

        public Rendering withScopes(ScopeFeed.Compute c) {
            return new Rendering(pipeline, glPreview, c);
        }
    }

    /**
     * The reference output.
     *
     * @param screen screen index, -1 for the last screen
     * @param fullScreen whether it covers its screen in full-screen mode
     * @param output what the output is made of (the OpenGL window, the JavaFX stand-in, or the first that opens)
     */
    public record Reference(int screen, boolean fullScreen, ReferenceOutputControl.Mode output) {
        /** Full screen on the last screen, OpenGL when it opens. */
        public static final Reference DEFAULT = new Reference(-1, true, ReferenceOutputControl.Mode.AUTO);

        public Reference withOutput(ReferenceOutputControl.Mode m) {
            return new Reference(screen, fullScreen, m);
        }
    }

    /**
     * Discovered sources, default keys, a 1600x900 window, no review session, the default {@link Rendering} and
     * {@link Reference}, nothing monitored at start; the user's config folder; no live QC; no NMOS node (the
     * {@code demo} command, the interactive shell, turns it on unless {@code --no-nmos}). The fallbacks
     * {@code xsight.config.dir} (the config folder) and {@code xsight.scopes.gpu} ({@code auto}, {@code true} or
     * {@code false}) are read here.
     */
    public static ShellOptions defaults() {
        ScopeFeed.Compute scopes = ScopeFeed.Compute.parse(System.getProperty("xsight.scopes.gpu", "auto"));
        return new ShellOptions(SourceRegistry.discover(), Keymap.defaults(), 1600, 900, null,
                Rendering.DEFAULT.withScopes(scopes), Reference.DEFAULT, MonitoringOptions.NONE,
                userConfigDir(System.getProperty("xsight.config.dir")), null, NmosOptions.OFF);
    }

    /**
     * {@code dir} when given, else {@code $XDG_CONFIG_HOME/xsight}, else {@code ~/.config/xsight}.
     */
    public static Path userConfigDir(String dir) {
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "xsight");
        }
        return Path.of(System.getProperty("user.home"), ".config", "xsight");
    }

    public ShellOptions withRegistry(SourceRegistry r) {
        return new ShellOptions(r, keymap, width, height, review, rendering, reference, monitoring, configDir, qc,
                nmos);
    }

    public ShellOptions withKeymap(Keymap k) {
        return new ShellOptions(registry, k, width, height, review, rendering, reference, monitoring, configDir, qc,
                nmos);
    }

    /** The same options with an initial main-window size of {@code w} x {@code h}. */
    public ShellOptions withWindowSize(double w, double h) {
        if (!(w >= 640 && h >= 360)) {
            throw new IllegalArgumentException("window size " + w + "x" + h + " is below the 640x360 minimum");
        }
        return new ShellOptions(registry, keymap, w, h, review, rendering, reference, monitoring, configDir, qc, nmos);
    }

    /** The same options with the review session {@code r} (null for none). */
    public ShellOptions withReview(ReviewOptions r) {
        return new ShellOptions(registry, keymap, width, height, r, rendering, reference, monitoring, configDir, qc,
                nmos);
    }

    public ShellOptions withRendering(Rendering r) {
        return new ShellOptions(registry, keymap, width, height, review, r, reference, monitoring, configDir, qc, nmos);
    }

    public ShellOptions withReference(Reference r) {
        return new ShellOptions(registry, keymap, width, height, review, rendering, r, monitoring, configDir, qc, nmos);
    }

    public ShellOptions withMonitoring(MonitoringOptions m) {
        return new ShellOptions(registry, keymap, width, height, review, rendering, reference, m, configDir, qc, nmos);
    }

    /** The same options with live QC by {@code profile} on the main viewer (null: no live QC). */
    public ShellOptions withQc(QcProfile profile) {
        return new ShellOptions(registry, keymap, width, height, review, rendering, reference, monitoring, configDir,
                profile, nmos);
    }

    /** The same options with {@code pipelines.json} in {@code dir}. */
    public ShellOptions withConfigDir(Path dir) {
        return new ShellOptions(registry, keymap, width, height, review, rendering, reference, monitoring, dir, qc,
                nmos);
    }

    /** The same options with the NMOS node set as {@code n} ({@link NmosOptions#OFF}: none). */
    public ShellOptions withNmos(NmosOptions n) {
        return new ShellOptions(registry, keymap, width, height, review, rendering, reference, monitoring, configDir,
                qc, n);
    }
}
