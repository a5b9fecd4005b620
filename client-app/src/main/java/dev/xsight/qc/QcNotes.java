package dev.xsight.qc;

import dev.xsight.checklist.ChecklistEntry;
import dev.xsight.checklist.ChecklistTemplate;
import dev.xsight.checklist.Verdict;
import dev.xsight.media.FrameRate;
import dev.xsight.media.Timecode;
import dev.xsight.review.Note;
import dev.xsight.review.NoteStore;
import dev.xsight.review.Session;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Writes QC events as review notes through a {@link NoteStore} (a session file or a shared session, so the notes
 * list, the marker strip, exports and the checklist all see them): author {@value #AUTHOR}, the category of the
 * event type ({@link #category}), the severity the profile gives the type, in and out at the first and last affected
 * frames, and the measured values in the text. An event that continues the previous one of its type (overlapping or
 * the very next frame) updates that note instead of adding another. Checklist items that name the type in their
 * {@code qc_events} and are still unchecked are marked {@code fail}, with the count in their note.
 *
 * <p>Threading: called from one thread (the QC worker); the store serialises its own calls. A failure to write is
 * kept ({@link #failure}) and logged by the caller; the analysis goes on.
 */
public final class QcNotes implements Consumer<QcEvent> {
    /** The author of every automated QC note. */
    public static final String AUTHOR = Note.AUTO_QC_AUTHOR;

    private final NoteStore store;
    private final FrameRate feedRate;
    private final QcProfile profile;
    private final String source;
    private final List<ChecklistTemplate> templates;
    private final Map<QcEvent.Type, Note> lastNote = new EnumMap<>(QcEvent.Type.class);
    private final Map<String, Integer> itemCounts = new HashMap<>();
    private volatile RuntimeException failure;

    /**
     * @param source the feed the notes are about ("OTS", a file name), may be empty
     * @param templates the checklists whose items may be ticked from events
     */
    public QcNotes(NoteStore store, QcProfile profile, String source, List<ChecklistTemplate> templates) {
        this(store, profile, source, templates, null);
    }

    /**
     * @param feedRate the rate the events' timecodes count in, when it may differ from the session's (an event is
     *        then placed on the session's frame at the same time), or null for the session's rate
     */
    public QcNotes(NoteStore store, QcProfile profile, String source, List<ChecklistTemplate> templates,
            FrameRate feedRate) {
        this.feedRate = feedRate;
        this.store = store;
        this.profile = profile;
        this.source = source == null ? "" : source;
        this.templates = List.copyOf(templates);
    }

    /** The taxonomy code (see {@code checklist.QcTaxonomy}) of each event type's notes. */
    public static String category(QcEvent.Type type) {
        return switch (type) {
            case BLACK -> "V-BLACK";
            case FREEZE -> "V-FREEZE";
            case LUMA_RANGE, GAMUT -> "V-LEVELS";
            case FLASH, RED_FLASH -> "V-PSE";
            case SILENCE -> "A-DROP";
            case LOUDNESS -> "A-LOUD";
            case CLIPPING -> "A-CLIP";
            case LOSS, CONCEALED -> "V-HIT";
            case TIMECODE_BREAK -> "V-TC";
        };
    }

    @Override
    public void accept(QcEvent e) {
        try {
            write(e);
        } catch (RuntimeException ex) {
            failure = ex;
        }
    }

    /** The last failure to write a note or mark, or null. */
    public RuntimeException failure() {
        return failure;
    }

    private void write(QcEvent e) {
        Session s = store.session();
        Timecode in = inSession(e.tcIn(), s, feedRate);
        Timecode out = inSession(e.tcOut(), s, feedRate);
        Note previous = lastNote.get(e.type());
        Note n;
        if (previous != null && s.frameOf(in) <= s.frameOf(previous.tcOut()) + 1
                && s.frameOf(out) >= s.frameOf(previous.tcIn())) {
            Timecode from = s.frameOf(previous.tcIn()) <= s.frameOf(in) ? previous.tcIn() : in;
            Timecode to = s.frameOf(previous.tcOut()) >= s.frameOf(out) ? previous.tcOut() : out;
            n = store.update(previous.withRange(from, to).withText(text(e, from, to)));
        } else {
            n = store.add(Note.create(in, out, profile.severity(e.type()), category(e.type()), text(e, in, out),
                    AUTHOR, source));
        }
        lastNote.put(e.type(), n);
        tick(e, in);
    }

    /**
     * The label of {@code tc} in the session's counting: as it is, or in the session's drop-frame counting at the
     * same rate, or (a feed at another rate) the session's frame that starts at or before the same time of the day.
     */
    static Timecode inSession(Timecode tc, Session s, FrameRate feed) {
        FrameRate r = s.rate();
        if (feed != null && !feed.equals(r)) {
            long frames = tc.toFrameCount(feed);
            // frames / feed rate seconds, in session frames: exact in rationals, rounded down.
            long sessionFrames = Math.floorDiv(
                    java.math.BigInteger.valueOf(frames).multiply(java.math.BigInteger.valueOf((long) r.numerator()
                            * feed.denominator())).longValueExact(), (long) r.denominator() * feed.numerator());
            return s.timecodeAt(sessionFrames);
        }
        if (tc.dropFrame() == s.dropFrame()) {
            tc.checkFits(r);
            return tc;
        }
        return s.timecodeAt(tc.toFrameCount(r));
    }

    /** E.g. {@code auto-QC black 00:00:01:00-00:00:02:24, 50 frames: min_black_ratio 0.9990}. */
    static String text(QcEvent e, Timecode in, Timecode out) {
        StringBuilder b = new StringBuilder(AUTHOR).append(' ').append(e.type().word()).append(' ').append(in)
                .append('-').append(out).append(", ").append(e.frames()).append(e.frames() == 1 ? " frame" : " frames");
        String sep = ": ";
        for (Map.Entry<String, Double> v : new TreeMap<>(e.values()).entrySet()) {
            b.append(sep).append(v.getKey()).append(' ').append(QcJson.number(v.getValue()));
            sep = ", ";
        }
        return b.toString();
    }

    private void tick(QcEvent e, Timecode in) {
        for (ChecklistTemplate t : templates) {
            for (ChecklistTemplate.Item item : t.items()) {
                if (!item.qcEvents().contains(e.type().word())) {
                    continue;
                }
                String key = t.id() + "/" + item.id();
                Verdict now = Verdict.UNCHECKED;
                for (ChecklistEntry c : store.checklist(t.id())) {
                    if (c.itemId().equals(item.id())) {
                        now = c.verdict();
                    }
                }
                int count = itemCounts.merge(key, 1, Integer::sum);
                if (now == Verdict.UNCHECKED || now == Verdict.FAIL && count > 1) {
                    store.mark(new ChecklistEntry(t.id(), item.id(), Verdict.FAIL, String.format(Locale.ROOT,
                            "%s: %d finding%s, last %s at %s", AUTHOR, count, count == 1 ? "" : "s",
                            e.type().word(), in), AUTHOR, Instant.now()));
                }
            }
        }
    }
}
