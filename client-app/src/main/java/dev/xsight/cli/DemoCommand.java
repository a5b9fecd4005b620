package dev.xsight.cli;

import dev.xsight.colour.DisplayPipeline;
import dev.xsight.gl.ProgramSource;
import dev.xsight.input.Keymap;
import dev.xsight.media.Frame;
import dev.xsight.media.FrameRate;
import dev.xsight.media.FrameSource;
import dev.xsight.media.SourceProvider;
import dev.xsight.media.Timecode;
import dev.xsight.qc.QcProfiles;
import dev.xsight.render.PictureAnalysis;
import dev.xsight.render.PipelineRenderer;
import dev.xsight.render.PreviewConverter;
import dev.xsight.render.RenderParams;
import dev.xsight.render.SignalOverlays;
import dev.xsight.scope.ScopeImages;
import dev.xsight.scope.Scopes;
import dev.xsight.nmos.registration.RegistrationSettings;
import dev.xsight.session.Member;
import dev.xsight.session.SessionJoin;
import dev.xsight.session.SessionName;
import dev.xsight.session.SessionServer;
import dev.xsight.shell.ReviewOptions;
import dev.xsight.shell.ShellLauncher;
import dev.xsight.shell.ShellOptions;
import dev.xsight.shell.SourceRegistry;
import dev.xsight.shell.monitoring.MonitoringOptions;
import dev.xsight.shell.nmos.NmosOptions;
import dev.xsight.shell.pipeline.DisplaySetup;
import dev.xsight.shell.pipeline.PipelineSetting;
import dev.xsight.shell.reference.ReferenceOutputControl;
import dev.xsight.signal.DemoSource;
import dev.xsight.signal.DemoSourceProvider;
import dev.xsight.signal.TestSignal;
import dev.xsight.st2110.PacketMode;
import dev.xsight.st2110.send.EncodedLoop;
import dev.xsight.st2110.send.St2110LoopbackSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code xsight demo}: the shell with the built-in test signal selected and playing. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Open the monitor with the built-in test signal (RP 219 bars, 10-bit ramp, motion, "
                + "burnt-in timecode) playing.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--run-for", paramLabel = "DURATION",
            description = "Close after this long and exit 0 (e.g. 10s, 500ms, 2m); default: until the window closes.")
    String runFor;

    @Option(names = "--screenshot", paramLabel = "FILE.png",
            description = "Write the main window as PNG just before closing (needs --run-for).")
    Path screenshot;

    @Option(names = "--rate", paramLabel = "RATE", defaultValue = "60000/1001",
            description = "Frame rate: 24000/1001, 24, 25, 30000/1001, 30, 48000/1001, 48, 50, 60000/1001, 60 "
                    + "(default ${DEFAULT-VALUE}; 29.97 and 59.94 count drop-frame).")
    String rate;

    @Option(names = "--start", paramLabel = "TIMECODE", defaultValue = "01:00:00:00",
            description = "First timecode, or 'now' for time of day (default 01:00:00:00, ';' for drop-frame "
                    + "rates).")
    String start;

    @Option(names = "--still", description = "Still bars (no moving bars or box); timecode still runs.")
    boolean still;

    @Option(names = "--side-by-side", paramLabel = "KIND",
            description = "Also play a second source of KIND (e.g. ots-demo, the HLS OTS feed) in a second viewer "
                    + "next to the demo, each with its own timecode (S toggles it in the window).")
    String sideBySide;

    @Option(names = "--st2110", paramLabel = "MODE", defaultValue = "slice",
            description = "How the test signal reaches the viewer: through the real ST 2110-22 path on loopback (JPEG XS"
                    + " encode at 2 bpp, RFC 9134 send in MODE slice or codestream, receive, decode), or 'off' for the"
                    + " generator straight to the viewer (default ${DEFAULT-VALUE}).")
    String st2110;

    @Option(names = "--pipeline", paramLabel = "PRESET|FILE",
            description = "Display pipeline for the preview and reference output: a preset (rec709, srgb, pq1000,"
                    + " hlg1000, aces13-rec709, aces13-srgb, aces13-pq1000, aces20-rec709, aces20-srgb, aces20-pq1000), a"
                    + " LUT/CLF/CDL file (on Rec.709) or an AMF / pipeline JSON file. Not saved.")
    String pipeline;

    @Option(names = "--cpu-preview", description = "Render the preview on the CPU (reduced size) instead of OpenGL.")
    boolean cpuPreview;

    @Option(names = "--qc", paramLabel = "PROFILE",
            description = "Live QC of the main viewer with this QC profile (broadcast, streaming, grading, a profile in "
                    + "the config folder's qc-profiles, or a .json file); findings become auto-QC notes.")
    String qcProfile;

    @Mixin
    ReferenceChoice reference;

    @Mixin
    WindowChoice window;

    @Mixin
    ReviewChoice review;

    @Mixin
    MonitoringChoice monitoring;

    @Mixin
    NmosChoice nmos = new NmosChoice();

    @Option(names = "--bench", paramLabel = "FRAMES",
            description = "No window: time generating and preview-converting FRAMES frames, print medians, exit.")
    Integer bench;

    @Override
    public Integer call() throws Exception {
        FrameRate r = FrameRate.parse(rate);
        boolean drop = r.supportsDropFrame();
        Timecode first = null;
        if (!start.equalsIgnoreCase("now")) {
            Timecode t = Timecode.parse(start);
            first = new Timecode(t.hours(), t.minutes(), t.seconds(), t.frames(), drop);
            first.checkFits(r);
        }
        Duration duration = runFor == null ? null : DurationArg.positive("--run-for", runFor);
        if (screenshot != null) {
            if (duration == null) {
                throw new IllegalArgumentException("--screenshot needs --run-for (the picture is taken at the end)");
            }
            if (!screenshot.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
                throw new IllegalArgumentException("--screenshot must name a .png file, got " + screenshot);
            }
        }
        Keymap keys = window.keys();
        DemoSource.Settings settings = new DemoSource.Settings(r, drop, first, !still);
        if (bench != null && pipeline != null) {
            return runPipelineBench(settings, bench, pipeline, !cpuPreview);
        }
        if (bench != null) {
            return runBench(settings, bench);
        }
        if (reference.referenceScreenshot != null && (duration == null || !reference.fullscreenReference)) {
            throw new IllegalArgumentException("--reference-screenshot needs --run-for and --fullscreen-reference");
        }
        MonitoringOptions monitored = monitoring.options();
        NmosOptions node = nmos.options(); // a bad port, address or URL: exit 2 before any window
        ShellOptions defaults = ShellOptions.defaults();
        ShellOptions options = defaults
                .withRegistry(SourceRegistry.discover().with(st2110.equalsIgnoreCase("off") ? new DemoSourceProvider(settings)
                        : new LoopbackDemoProvider(settings, PacketMode.parse(st2110))))
                .withKeymap(keys)
                .withWindowSize(window.width(), window.height())
                .withRendering(defaults.rendering()
                        .withPipeline(DisplaySetup.forced(pipeline).orElse(null)) // bad preset or file: exit 2 now
                        .withGlPreview(!cpuPreview))
                .withReference(reference.options())
                .withMonitoring(monitored)
                .withReview(review.options(r, drop))
                .withQc(qcProfile == null ? null : QcProfiles.named(qcProfile, // bad profile: exit 2 now
                        defaults.configDir().resolve("qc-profiles")))
                .withNmos(node);
        ShellLauncher.Outcome out = ShellLauncher.run(options,
                new ShellLauncher.Launch("demo", duration, screenshot, reference.fullscreenReference, sideBySide,
                        reference.referenceScreenshot != null));
        if (duration != null && out != null) {
            System.out.println(String.format(Locale.ROOT, "xsight demo: showed %d frames in %.1f s (%.1f fps), "
                    + "last timecode %s%s", out.framesShown(), out.shownSeconds(), out.framesPerSecond(),
                    out.lastTimecode(), screenshot != null ? ", screenshot " + screenshot : ""));
            if (out.reference() != null) {
                var ref = out.reference();
                System.out.println(String.format(Locale.ROOT, "xsight demo: reference output (OpenGL, %d bits per "
                        + "channel, %s, %s): offered %d, presented %d, late %d, dropped %d, repeated %d",
                        ref.bitsPerChannel(), ref.renderer(), ref.format(), ref.offered(), ref.presented(),
                        ref.late(), ref.dropped(), ref.repeated()));
            } else if (reference.fullscreenReference) {
                System.out.println("xsight demo: reference output was not the OpenGL window (see the status line)");
            }
            if (reference.referenceScreenshot != null) {
                if (out.referenceShot() == null) {
                    System.err.println("xsight demo: no OpenGL reference output to capture");
                    return 1;
                }
                var shot = out.referenceShot();
                double[] rgb = new double[shot.codes().length];
                for (int i = 0; i < rgb.length; i++) {
                    rgb[i] = shot.codes()[i] / 1023.0;
                }
                ColourRenderCommand.write(rgb, shot.width(), shot.height(), reference.referenceScreenshot);
                System.out.println("xsight demo: reference output " + shot.width() + "x" + shot.height()
                        + " written to " + reference.referenceScreenshot);
            }
        }
        return 0;
    }

    /** Median per-frame cost of the demo's two hot loops, measured on this thread after a warm-up. */
    private static int runBench(DemoSource.Settings settings, int frames) {
        if (frames < 10 || frames > 100_000) {
            throw new IllegalArgumentException("--bench needs 10 to 100000 frames, got " + frames);
        }
        DemoSource source = new DemoSource(settings);
        PreviewConverter converter = new PreviewConverter();
        java.nio.IntBuffer out = java.nio.IntBuffer.allocate(1920 * 1080);
        long[] render = new long[frames];
        long[] full = new long[frames];
        long[] half = new long[frames];
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuFull = 0;
        for (int pass = 0; pass < 2; pass++) { // pass 0 warms the JIT up
            cpuFull = 0;
            for (int i = 0; i < frames; i++) {
                long t0 = System.nanoTime();
                Frame f = source.produce(i);
                long t1 = System.nanoTime();
                long c1 = threads.getCurrentThreadCpuTime();
                converter.convert(f, out, 1);
                cpuFull += threads.getCurrentThreadCpuTime() - c1;
                long t2 = System.nanoTime();
                converter.convert(f, out, 2);
                long t3 = System.nanoTime();
                f.release();
                render[i] = t1 - t0;
                full[i] = t2 - t1;
                half[i] = t3 - t2;
            }
        }
        System.out.println(String.format(Locale.ROOT, "demo bench, %d frames 1920x1080 4:2:2 10-bit, median ms per "
                + "frame: generate %.2f, preview full %.2f (mean CPU time %.2f), preview half %.2f; pool made %d "
                + "frames", frames, median(render), median(full), cpuFull / 1e6 / frames, median(half),
                source.pooledFrames()));
        return 0;
    }

    /** Median time to render one frame into the preview through a display pipeline (GL or CPU), after warm-up. */
    private static int runPipelineBench(DemoSource.Settings settings, int frames, String pipeline, boolean gl)
            throws java.io.IOException {
        if (frames < 10 || frames > 100_000) {
            throw new IllegalArgumentException("--bench needs 10 to 100000 frames, got " + frames);
        }
        PipelineSetting s = DisplaySetup.forced(pipeline).orElseThrow();
        String[] backend = {""};
        DemoSource source = new DemoSource(settings);
        long[] t = new long[frames];
        long[] withOverlays = new long[frames];
        long[][] single = new long[3][frames];
        long[] scopes = new long[frames];
        long[] scopeImages = new long[frames];
        int w;
        int h;
        RenderParams params = RenderParams.preview(s.resolve());
        try (PipelineRenderer r = new PipelineRenderer(
                ProgramSource.compiling(), gl,
                new PipelineRenderer.Listener() {
                    @Override
                    public void backendChosen(String name, boolean isGl) {
                        backend[0] = name;
                    }

                    @Override
                    public void pipelineFailed(DisplayPipeline p, RuntimeException error) {
                        throw error;
                    }
                })) {
            Frame f0 = source.produce(0);
            w = r.width(f0, 1, params);
            h = r.height(f0, 1, params);
            f0.release();
            java.nio.IntBuffer out = java.nio.IntBuffer.allocate(w * h);
            PictureAnalysis analysis = new PictureAnalysis();
            RenderParams all = params.withOverlays(
                    new SignalOverlays(true, true, 95, true));
            RenderParams[] each = {
                params.withOverlays(new SignalOverlays(true, false, 95, false)),
                params.withOverlays(new SignalOverlays(false, true, 95, false)),
                params.withOverlays(new SignalOverlays(false, false, 95, true))};
            Scopes sc = new Scopes(384, 256, false);
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < frames; i++) {
                    Frame f = source.produce(i);
                    long t0 = System.nanoTime();
                    r.render(f, out, w, h, 1, analysis, params);
                    long t1 = System.nanoTime();
                    r.render(f, out, w, h, 1, analysis, all);
                    long t2 = System.nanoTime();
                    sc.compute(analysis.codes()); // what the shell's scope worker does per analysed picture
                    long t3 = System.nanoTime();
                    ScopeImages.waveform(sc, 256);
                    ScopeImages.parade(sc, 256);
                    ScopeImages.vectorscope(sc);
                    long t4 = System.nanoTime();
                    for (int k = 0; k < 3; k++) {
                        long s0 = System.nanoTime();
                        r.render(f, out, w, h, 1, analysis, each[k]);
                        single[k][i] = System.nanoTime() - s0;
                    }
                    t[i] = t1 - t0;
                    withOverlays[i] = t2 - t1;
                    scopes[i] = t3 - t2;
                    scopeImages[i] = t4 - t3;
                    f.release();
                }
            }
        }
        System.out.println(String.format(Locale.ROOT, "pipeline bench, %s on %s, 1920x1080 4:2:2 10-bit -> %dx%d "
                + "preview, median ms per frame: %.2f; with false colour %.2f, zebras %.2f, warnings %.2f, all three "
                + "%.2f; scopes per picture: accumulate %.2f, draw waveform/parade/vectorscope %.2f", s.label(),
                backend[0], w, h, median(t), median(single[0]), median(single[1]), median(single[2]),
                median(withOverlays), median(scopes), median(scopeImages)));
        return 0;
    }

    private static double median(long[] v) {
        long[] c = v.clone();
        java.util.Arrays.sort(c);
        return c[c.length / 2] / 1e6;
    }

    /** The demo signal through send -> RFC 9134 -> receive -> decode on loopback. */
    private record LoopbackDemoProvider(DemoSource.Settings settings, PacketMode mode)
            implements SourceProvider {
        /** Length of the pre-encoded demo loop. */
        static final double LOOP_SECONDS = 2.0;

        @Override
        public String kind() {
            return "demo";
        }

        @Override
        public String label() {
            return "Demo test signal via ST 2110-22 loopback (1080p" + settings.rate().label() + ")";
        }

        @Override
        public Input input() {
            return Input.NONE;
        }

        @Override
        public FrameSource open(String location) {
            // The loop is encoded once at start (progress in the health line), then replayed: the pure-Java
            // encoder stays out of the real-time path, so the health line measures the receive path alone.
            DemoSource demo = new DemoSource(settings);
            int pictures = (int) Math.min(EncodedLoop.MAX_PICTURES,
                    Math.round(LOOP_SECONDS * settings.rate().numerator() / (double) settings.rate().denominator()));
            return St2110LoopbackSource.looping(demo.name(), demo::produce, pictures,
                    TestSignal.FORMAT, TestSignal.WIDTH,
                    TestSignal.HEIGHT, settings.rate(), mode, 2.0);
        }
    }

    /** Where the reference output opens and what it is made of. */
    static final class ReferenceChoice {
        @Option(names = "--fullscreen-reference",
                description = "Open the reference output window full screen at start.")
        boolean fullscreenReference;

        @Option(names = "--reference-output", paramLabel = "KIND", defaultValue = "auto",
                description = "What the reference output (R) is: gl (the 10-bit OpenGL window, full-size frames at the "
                        + "source rate), javafx (a window with the viewer's 8-bit picture) or auto (gl when it can be "
                        + "opened, else javafx; default).")
        String referenceOutput;

        @Option(names = "--reference-screenshot", paramLabel = "FILE",
                description = "With --run-for and --fullscreen-reference: write the OpenGL reference output's window "
                        + "at the end (.tiff keeps all 10 bits in 16; .png is 8-bit).")
        Path referenceScreenshot;

        @Option(names = "--reference-screen", paramLabel = "N", defaultValue = "-1",
                description = "Screen for the reference output (0 = primary; default: the last screen).")
        int referenceScreen;

        ShellOptions.Reference options() {
            return new ShellOptions.Reference(referenceScreen, true, ReferenceOutputControl.Mode.parse(referenceOutput));
        }
    }

    /** The main window: its keys and its first size. */
    static final class WindowChoice {
        @Option(names = "--keymap", paramLabel = "FILE.json",
                description = "Key bindings overriding the defaults (default: ~/.config/xsight/keymap.json when it "
                        + "exists; see docs/cli/shell.md).")
        Path keymap;

        @Option(names = "--window-size", paramLabel = "WxH", defaultValue = "1600x900",
                description = "Initial size of the main window (default ${DEFAULT-VALUE}).")
        String windowSize;

        Keymap keys() throws java.io.IOException {
            Path keyFile = keymap != null ? keymap
                    : java.nio.file.Files.isRegularFile(Keymap.userFile()) ? Keymap.userFile() : null;
            return keyFile == null ? Keymap.defaults() : Keymap.load(keyFile);
        }

        double width() {
            return part(0);
        }

        double height() {
            return part(1);
        }

        private double part(int i) {
            String[] wh = windowSize.toLowerCase(Locale.ROOT).split("x");
            if (wh.length != 2) {
                throw new IllegalArgumentException("--window-size must be WIDTHxHEIGHT, e.g. 1280x720, not "
                        + windowSize);
            }
            try {
                return Integer.parseInt(wh[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--window-size must be WIDTHxHEIGHT, e.g. 1280x720, not "
                        + windowSize);
            }
        }
    }

    /** The review session of the notes panel. */
    static final class ReviewChoice {
        @Option(names = "--session", paramLabel = "FILE",
                description = "Review session file (SQLite) for the notes panel; created when missing (default: "
                        + "~/.local/share/xsight/sessions/demo.xsight, or under $XDG_DATA_HOME).")
        Path session;

        @Option(names = "--author", paramLabel = "NAME",
                description = "Author written into new notes and checklist marks (default: the login name).")
        String author;

        @Option(names = "--join", paramLabel = "NAME", description = "Join the shared review session NAME on "
                + "--server (its notes are cached in --session FILE, or beside the default sessions).")
        String join;

        @Option(names = "--server", paramLabel = "URL", description = "NATS server of the shared session: "
                + "tls://host:port (nats:// on loopback, or with --insecure); user:password@ may precede the host.")
        String server;

        @Option(names = "--ca", paramLabel = "FILE", description = "CA certificate (PEM) of the server's TLS.")
        Path ca;

        @Option(names = "--creds", paramLabel = "FILE", description = "NATS credentials file.")
        Path creds;

        @Option(names = "--insecure", description = "Allow plain nats:// to a host outside loopback.")
        boolean insecure;

        @Option(names = "--role", defaultValue = "reviewer", description = "viewer, reviewer or driver (shown to "
                + "the others; what you may do is the server's permissions).")
        String role;

        ReviewOptions options(FrameRate rate, boolean drop) {
            String who = author != null ? author : System.getProperty("user.name", "");
            java.util.Optional<SessionJoin> shared = java.util.Optional.empty();
            if (join != null || server != null) {
                if (join == null || server == null) {
                    throw new IllegalArgumentException("--join NAME and --server URL go together");
                }
                shared = java.util.Optional.of(new SessionJoin(SessionServer.of(server, ca, creds, insecure),
                        new SessionName(join), new Member(who.isBlank() ? "reviewer" : who, Member.Role.parse(role),
                                "")));
            }
            ReviewOptions local = new ReviewOptions(session != null ? session : ReviewOptions.defaultSessionFile(),
                    rate, drop, who, ReviewOptions.defaultChecklistFolder());
            if (shared.isEmpty()) {
                return local;
            }
            return session != null ? local.withShared(shared) : local.inSharedCache(shared.get());
        }
    }

    /** The scopes and overlays on at start. */
    static final class MonitoringChoice {
        @Option(names = "--scopes", paramLabel = "LAYOUT", arity = "0..1", fallbackValue = "quad",
                description = "Start with the scopes panel on: quad (default), waveform, parade, vectorscope or histogram.")
        String scopes;

        @Option(names = "--overlay", paramLabel = "LIST", split = ",",
                description = "Start with overlays on: safe, fdl=FILE.fdl, falsecolour, zebra[=PERCENT], warnings, probe.")
        java.util.List<String> overlays = java.util.List.of();

        /** The parsed choice; an unknown name or a missing FDL file is refused. */
        MonitoringOptions options() {
            MonitoringOptions m = MonitoringOptions.parse(scopes, overlays);
            if (m.fdl() != null && !java.nio.file.Files.isRegularFile(m.fdl())) {
                throw new IllegalArgumentException("--overlay fdl: no such file " + m.fdl());
            }
            return m;
        }
    }

    /** The NMOS node that runs while the window is open (on unless {@code --no-nmos}) and its registration. */
    static final class NmosChoice {
        @Option(names = "--no-nmos", description = "Run no NMOS node: no Node / Connection API, no registration, "
                + "no registry browser.")
        boolean off;

        @Option(names = "--nmos-port", paramLabel = "PORT", defaultValue = "0",
                description = "TCP port of the node's IS-04 Node API and IS-05 Connection API (default: a free one, "
                        + "shown under the source list).")
        int port;

        @Option(names = "--nmos-host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
                description = "Address the node's APIs listen on (default ${DEFAULT-VALUE}; 0.0.0.0 for all).")
        String host;

        @Option(names = "--nmos-label", paramLabel = "NAME",
                description = "Names the node and its device (default: Xsight on the host name).")
        String label;

        @Option(names = "--nmos-query", paramLabel = "URL", description = "Query API base URL for the registry "
                + "browser, such as http://127.0.0.1:8236 (default: found by DNS-SD, else the --registry URL).")
        String query;

        @Option(names = "--nmos-browser", description = "Open the NMOS registry browser at start (Ctrl+N opens it "
                + "later); with --screenshot FILE.png its window is written to FILE-nmos.png.")
        boolean browser;

        @Mixin
        NmosRegistrationOptions registration = new NmosRegistrationOptions();

        NmosOptions options() {
            if (off) {
                return NmosOptions.OFF;
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("--nmos-port must be 0..65535");
            }
            java.net.InetAddress address;
            try {
                address = java.net.InetAddress.ofLiteral(host);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--nmos-host must be an IP address, got '" + host + "'");
            }
            String name = label;
            if (name == null) {
                try {
                    name = "Xsight " + java.net.InetAddress.getLocalHost().getHostName();
                } catch (java.net.UnknownHostException e) {
                    name = "Xsight";
                }
            }
            NmosOptions o = NmosOptions.on(name, registration.settings()).withAddress(address, port)
                    .withBrowserAtStart(browser);
            try {
                return query == null ? o : o.withQuery(RegistrationSettings.registryUrl(query));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--nmos-query is the Query API's base URL (scheme, host, port), such"
                        + " as http://10.0.0.5:8236; the browser adds /x-nmos/query/v1.3/ itself: not " + query, e);
            }
        }
    }
}
