package dev.xsight.cli;

import dev.xsight.checklist.ChecklistTemplates;
import dev.xsight.hls.HlsOptions;
import dev.xsight.hls.HlsSource;
import dev.xsight.media.Frame;
import dev.xsight.media.FrameRate;
import dev.xsight.media.FrameSource;
import dev.xsight.media.SourceException;
import dev.xsight.qc.MediaFileReader;
import dev.xsight.qc.QcCatalogue;
import dev.xsight.qc.QcChecks;
import dev.xsight.qc.QcEvent;
import dev.xsight.qc.QcJson;
import dev.xsight.qc.QcNotes;
import dev.xsight.qc.QcProfile;
import dev.xsight.qc.QcProfiles;
import dev.xsight.qc.QcWorker;
import dev.xsight.qc.audio.AudioCheck;
import dev.xsight.qc.audio.LoudnessMeter;
import dev.xsight.qc.transport.TransportProbe;
import dev.xsight.review.Session;
import dev.xsight.review.SqliteNoteStore;
import dev.xsight.shell.ShellOptions;
import dev.xsight.st2110.receive.St2110Receiver;
import dev.xsight.st2110.receive.St2110Source;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code xsight qc}: automated QC of a file, an HLS stream or an ST 2110-22 stream. Prints one JSON object per
 * finding as it is found, then one {@code {"summary": ...}} line; with {@code --notes-db} the findings are also
 * written as notes (author {@code auto-QC}) into a session file. Exit 0 when the analysis ran, whatever it found;
 * 2 when it could not start (bad file, bad profile, bad option), 1 when a feed failed to open.
 */
@Command(name = "qc", mixinStandardHelpOptions = true,
        description = "Automated QC (black, freeze, levels, flashes, silence, loudness, transport, timecode) of a "
                + "file, an HLS stream or an ST 2110-22 stream; one JSON line per finding, then a summary.")
final class QcCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = "--file", description = "A media file, analysed as fast as it decodes.")
        Path file;
        @Option(names = "--hls", description = "An HLS playlist URL (or local playlist), played as it plays; demo or "
                + "demo-vod: the built-in OTS feed.")
        String hls;
        @Option(names = "--sdp", description = "An ST 2110-22 SDP file; the stream is received as it plays.")
        Path sdp;
    }

    @Option(names = "--for", description = "Analyse a live feed this long (e.g. 30s, 10m); default: until it ends.")
    String forText;
    @Option(names = "--profile", defaultValue = "broadcast",
            description = "broadcast, streaming, grading, a profile in the config folder's qc-profiles, or a .json "
                    + "file (default: ${DEFAULT-VALUE}).")
    String profileName;
    @Option(names = "--json", description = "JSON lines (the default form; kept for scripts that name it).")
    boolean json;
    @Option(names = "--notes-db", description = "Also write the findings as notes into this session file (created "
            + "if absent, at the feed's rate).")
    Path notesDb;

    private final Map<QcEvent.Type, Long> reported = new EnumMap<>(QcEvent.Type.class);
    private volatile FrameRate rate;
    private QcProfile profile;
    private PrintWriter out;
    private SqliteNoteStore store;
    private QcNotes notes;
    private volatile SourceException sourceError;
    /** Set by the shutdown hook of a live run without {@code --for} (Ctrl-C): the run ends with its summary. */
    private volatile boolean stopRequested;
    private final java.util.concurrent.CountDownLatch summarised = new java.util.concurrent.CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        Duration limit = forText == null ? null : DurationArg.positive("--for", forText);
        profile = QcProfiles.named(profileName, ShellOptions.userConfigDir(System.getProperty("xsight.config.dir"))
                .resolve("qc-profiles"));
        out = spec.commandLine().getOut();
        for (QcEvent.Type t : QcEvent.Type.values()) {
            reported.put(t, 0L);
        }
        long t0 = System.nanoTime();
        Thread hook = null;
        if (limit == null && input.file == null) {
            // A live feed analysed until stopped: Ctrl-C ends the analysis, reports what is open and the summary.
            hook = new Thread(() -> {
                stopRequested = true;
                try {
                    summarised.await(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "xsight-qc-stop");
            Runtime.getRuntime().addShutdownHook(hook);
        }
        QcWorker worker;
        try {
            if (input.file != null) {
                worker = runFile(input.file);
            } else if (input.hls != null) {
                worker = runHls(input.hls, limit);
            } else {
                worker = runSdp(input.sdp, limit);
            }
        } finally {
            if (store != null) {
                store.close();
            }
        }
        summary(worker, (System.nanoTime() - t0) / 1e9);
        summarised.countDown();
        if (hook != null && !stopRequested) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already: the hook is running and has been let go
            }
        }
        if (notes != null && notes.failure() != null) {
            spec.commandLine().getErr().println("xsight qc: notes not written to " + notesDb + ": "
                    + notes.failure().getMessage());
        }
        return 0;
    }

    private QcWorker runFile(Path file) throws InterruptedException {
        MediaFileReader reader = new MediaFileReader(file);
        QcWorker[] made = new QcWorker[1];
        try {
            reader.run(r -> {
                rate = r;
                made[0] = new QcWorker((sink, fr) -> QcCatalogue.checks(profile, sink, fr, null, 1), r,
                        QcWorker.Feed.FILE, this::onEvent);
                return made[0];
            });
            QcWorker worker = made[0];
            worker.finish();
            openNotes(null);
            return worker;
        } finally {
            if (made[0] != null) {
                made[0].close();
            }
        }
    }

    private QcWorker runHls(String url, Duration limit) throws Exception {
        if (url.equals("demo") || url.equals("demo-vod")) {
            // The built-in OTS demo served on loopback for the duration of the run.
            try (dev.xsight.hls.demo.DemoHlsServer demo = dev.xsight.hls.demo.DemoHlsServer.start()) {
                return runHls((url.equals("demo") ? demo.url() : demo.vodUrl()).toString(), limit);
            }
        }
        HlsSource source = new HlsSource(HlsOptions.of(HlsReceive.toUri(url)).withPlayAudio(false));
        QcWorker worker = new QcWorker((sink, r) -> QcCatalogue.checks(profile, sink, r, TransportProbe.of(source),
                10), null, QcWorker.Feed.LIVE, this::onEvent);
        source.audioTap(worker::offerAudio);
        return runLive(source, worker, limit, source::finished);
    }

    private QcWorker runSdp(Path sdp, Duration limit) throws Exception {
        St2110Source source = St2110Source.open(sdp, St2110Receiver.Options.defaults().withPictureBuffers(4), 0);
        QcWorker worker = new QcWorker((sink, r) -> QcCatalogue.checks(profile, sink, r, TransportProbe.of(source),
                1), source.sdp().format().rate(), QcWorker.Feed.LIVE, this::onEvent);
        return runLive(source, worker, limit, () -> false);
    }

    /** Plays {@code source} into the worker until it ends or {@code limit} (null: until it ends) has passed. */
    private QcWorker runLive(FrameSource source, QcWorker worker, Duration limit, BooleanSupplier ended)
            throws Exception {
        long deadline = limit == null ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
        try (source) {
            source.start(new FrameSource.FrameListener() {
                @Override
                public void onFrame(Frame frame) {
                    if (rate == null && frame.frameRate() != null) {
                        rate = frame.frameRate();
                    }
                    worker.offer(frame);
                    frame.release();
                }

                @Override
                public void onError(SourceException error) {
                    sourceError = error;
                }
            });
            while (System.nanoTime() < deadline && !ended.getAsBoolean() && !stopRequested) {
                Thread.sleep(Math.max(1, Math.min(100, (deadline - System.nanoTime()) / 1_000_000)));
            }
        } finally {
            worker.finish();
            worker.close();
        }
        openNotes(null);
        if (sourceError != null) {
            spec.commandLine().getErr().println("xsight qc: the feed reported: " + sourceError.getMessage());
        }
        return worker;
    }

    /** On the worker thread: a finding the profile reports is printed, counted and written as a note. */
    private void onEvent(QcEvent e) {
        FrameRate r = rate;
        if (!profile.reports(e, r == null ? 0 : r.frameDurationNanos())) {
            return;
        }
        synchronized (out) {
            reported.merge(e.type(), 1L, Long::sum);
            out.println(json ? QcJson.event(e, profile) : e.type().word() + " " + e.tcIn() + "-" + e.tcOut() + " "
                    + profile.severity(e.type()).label() + " " + e.values());
            out.flush();
        }
        openNotes(e);
        if (notes != null) {
            notes.accept(e);
        }
    }

    /** Opens (creating at the feed's rate) the session file the first time it is needed. */
    private synchronized void openNotes(QcEvent first) {
        if (notesDb == null || store != null || rate == null) {
            return;
        }
        boolean drop = first != null && first.tcIn().dropFrame();
        store = SqliteNoteStore.openOrCreate(notesDb, Session.ofRate(rate, drop));
        String source = input.file != null ? input.file.getFileName().toString()
                : input.hls != null ? input.hls : input.sdp.getFileName().toString();
        notes = new QcNotes(store, profile, source, templates(), rate);
    }

    private static java.util.List<dev.xsight.checklist.ChecklistTemplate> templates() {
        return ChecklistTemplates.load(
                dev.xsight.shell.ReviewOptions.defaultChecklistFolder());
    }

    private void summary(QcWorker w, double wallSeconds) {
        StringBuilder b = new StringBuilder("{\"summary\":{");
        b.append("\"profile\":\"").append(profile.id()).append('"');
        b.append(",\"frames_analysed\":").append(w.framesAnalysed());
        b.append(",\"frames_skipped\":").append(w.framesSkipped());
        b.append(",\"audio_blocks_analysed\":").append(w.audioBlocksAnalysed());
        b.append(",\"audio_blocks_skipped\":").append(w.audioBlocksSkipped());
        FrameRate r = rate;
        b.append(",\"frame_rate\":").append(r == null ? "null" : "\"" + r.label() + "\"");
        double duration = r == null ? 0 : (w.framesAnalysed() + w.framesSkipped()) / r.toDouble();
        b.append(",\"duration_s\":").append(QcJson.number(Math.round(duration * 1000) / 1000.0));
        b.append(",\"wall_s\":").append(QcJson.number(Math.round(wallSeconds * 1000) / 1000.0));
        b.append(",\"check_ms_per_frame\":").append(QcJson.number(w.framesAnalysed() == 0 ? 0
                : w.videoAnalysisNanos() / 1e6 / w.framesAnalysed()));
        b.append(",\"worker_cpu_ms_per_frame\":").append(w.workerCpuNanos() < 0 || w.framesAnalysed() == 0 ? "null"
                : QcJson.number(w.workerCpuNanos() / 1e6 / w.framesAnalysed()));
        b.append(",\"loudness\":{");
        String comma = "";
        QcChecks checks = w.checks();
        for (AudioCheck a : checks == null ? java.util.List.<AudioCheck>of() : checks.audio()) {
            if (a instanceof LoudnessMeter meter) {
                for (Map.Entry<String, Double> f : new java.util.TreeMap<>(meter.figures()).entrySet()) {
                    b.append(comma).append('"').append(f.getKey()).append("\":").append(QcJson.number(f.getValue()));
                    comma = ",";
                }
            }
        }
        b.append('}');
        b.append(",\"events\":{");
        String sep = "";
        for (Map.Entry<QcEvent.Type, Long> e : reported.entrySet()) {
            b.append(sep).append('"').append(e.getKey().word()).append("\":").append(e.getValue());
            sep = ",";
        }
        b.append("}}}");
        synchronized (out) {
            out.println(b);
            out.flush();
        }
    }
}
