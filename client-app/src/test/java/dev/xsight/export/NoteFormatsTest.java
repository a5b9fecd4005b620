package dev.xsight.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.media.FrameRate;
import dev.xsight.media.Timecode;
import dev.xsight.review.Drawing;
import dev.xsight.review.FrameGrab;
import dev.xsight.review.NormalizedPoint;
import dev.xsight.review.Note;
import dev.xsight.review.NoteStatus;
import dev.xsight.review.Session;
import dev.xsight.review.Severity;
import dev.xsight.review.StrokeStyle;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Export / import round trips for every readable format, files in the tools' own style, and bad lines. */
class NoteFormatsTest {
    @TempDir
    Path dir;

    static final Session DF = new Session("The Show", "Ep 104", "HD SDR master", FrameRate.FPS_29_97, true,
            List.of("grade", "OTS"));

    static Timecode tc(Session s, String t) {
        return s.parseTimecode(t);
    }

    static byte[] png() throws Exception {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(160, 90,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 90; y++) {
            for (int x = 0; x < 160; x++) {
                img.setRGB(x, y, (x * 255 / 160) << 16 | (y * 255 / 90) << 8 | 0x60);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** Notes exercising drop-frame labels across a minute boundary, ranges, every severity and status. */
    static List<Note> sample(boolean rich) throws Exception {
        Instant t0 = Instant.parse("2026-03-04T10:00:00.125Z");
        String quoted = rich ? "Banding in the sky, \"steps\" visible;\nsecond line with é and —" : "Banding in the sky";
        return List.of(
                new Note("a1", "grade", tc(DF, "01:00:59;28"), tc(DF, "01:01:00;03"), "V-BAND", Severity.BLOCKER,
                        quoted, "Ann", NoteStatus.OPEN, t0, t0.plusSeconds(60),
                        rich ? Optional.of(FrameGrab.ofPng(png())) : Optional.empty(),
                        rich ? List.of(new Drawing.Ellipse(new NormalizedPoint(0.1, 0.1),
                                new NormalizedPoint(0.3, 0.2), StrokeStyle.DEFAULT)) : List.of()),
                new Note("a2", "OTS", tc(DF, "01:10:00;00"), tc(DF, "01:10:00;00"), "A-SYNC", Severity.ISSUE,
                        "Dialogue one frame late", "Bob", NoteStatus.FIX, t0, t0, Optional.empty(), List.of()),
                new Note("a3", "", tc(DF, "01:20:30;15"), tc(DF, "01:20:31;15"), "", Severity.FYI,
                        "Nice grade here", "Ann", NoteStatus.CREATIVE_INTENT, t0, t0, Optional.empty(), List.of()),
                new Note("a4", "grade", tc(DF, "02:00:00;00"), tc(DF, "02:00:10;00"), "V-LEVELS", Severity.ISSUE,
                        "Super-whites on the window", "Cy", NoteStatus.WAIVED, t0, t0, Optional.empty(), List.of()));
    }

    private ImportResult roundTrip(NoteFormat f, List<Note> notes) throws Exception {
        Path file = dir.resolve("out." + f.extension());
        NoteExport.write(f, DF, notes, file);
        return NoteImport.read(f, DF, file, false);
    }

    @Test
    void jsonRoundTripIsLossless() throws Exception {
        List<Note> notes = sample(true);
        assertEquals(notes, roundTrip(NoteFormat.JSON, notes).notes());
    }

    @Test
    void csvRoundTripKeepsEverythingButPicturesAndDrawings() throws Exception {
        List<Note> notes = sample(true);
        List<Note> back = roundTrip(NoteFormat.CSV, notes).notes();
        assertEquals(notes.size(), back.size());
        for (int i = 0; i < notes.size(); i++) {
            Note a = notes.get(i);
            assertEquals(new Note(a.id(), a.source(), a.tcIn(), a.tcOut(), a.category(), a.severity(), a.text(),
                    a.author(), a.status(), a.created(), a.edited(), Optional.empty(), List.of()), back.get(i));
        }
        String csv = Files.readString(dir.resolve("out.csv"));
        assertTrue(csv.startsWith("Note ID,Timecode In,Timecode Out,Severity,Category,Code,Description,Author,"
                + "Status"), csv);
        assertTrue(csv.contains("a1,01:00:59;28,01:01:00;03,blocker,Banding,V-BAND,\"Banding in the sky, \"\"steps"),
                csv);
    }

    @Test
    void otioRoundTripKeepsEverythingButPicturesAndDrawings() throws Exception {
        List<Note> notes = sample(false);
        assertEquals(notes, roundTrip(NoteFormat.OTIO, notes).notes());
        String otio = Files.readString(dir.resolve("out.otio"));
        assertTrue(otio.contains("\"OTIO_SCHEMA\" : \"Marker.2\""));
        assertTrue(otio.contains("\"marked_range\""));
        assertTrue(otio.contains("\"color\" : \"RED\""));
    }

    @ParameterizedTest
    @EnumSource(names = {"EDL", "RESOLVE_EDL", "AVID"})
    void markerFormatsKeepRangeSeverityCategoryAndText(NoteFormat f) throws Exception {
        List<Note> notes = sample(false);
        List<Note> back = roundTrip(f, notes).notes();
        assertEquals(notes.size(), back.size());
        for (int i = 0; i < notes.size(); i++) {
            Note a = notes.get(i);
            Note b = back.get(i);
            assertEquals(a.tcIn(), b.tcIn(), f + " in");
            assertEquals(a.tcOut(), b.tcOut(), f + " out");
            assertEquals(a.severity(), b.severity(), f + " severity");
            assertEquals(a.category(), b.category(), f + " category");
            assertEquals(a.text(), b.text(), f + " text");
            if (f == NoteFormat.AVID) {
                assertEquals(a.author(), b.author());
            }
        }
    }

    @Test
    void edlIsCmx3600WithLocatorsAndDropFrameMode() throws Exception {
        NoteExport.write(NoteFormat.EDL, DF, sample(false), dir.resolve("l.edl"));
        List<String> lines = Files.readAllLines(dir.resolve("l.edl"));
        assertEquals("TITLE: The Show - Ep 104 - HD SDR master", lines.get(0));
        assertEquals("FCM: DROP FRAME", lines.get(1));
        assertEquals("001  AX       V     C        01:00:59;28 01:01:00;04 01:00:59;28 01:01:00;04", lines.get(3));
        assertEquals("* LOC: 01:00:59;28 RED     [V-BAND] Banding in the sky", lines.get(4));
    }

    @Test
    void resolveEdlUsesResolveMarkerSyntax() throws Exception {
        NoteExport.write(NoteFormat.RESOLVE_EDL, DF, sample(false), dir.resolve("r.edl"));
        String s = Files.readString(dir.resolve("r.edl"));
        assertTrue(s.contains(" Banding in the sky |C:ResolveColorRed |M:blocker V-BAND |D:4\r\n"), s);
        assertTrue(s.contains("|C:ResolveColorBlue |M:fyi |D:31"), s);
    }

    @Test
    void avidTextIsTabSeparatedUserTimecodeTrackColourCommentDuration() throws Exception {
        NoteExport.write(NoteFormat.AVID, DF, sample(false), dir.resolve("m.txt"));
        List<String> lines = Files.readAllLines(dir.resolve("m.txt"));
        assertEquals("Ann\t01:00:59;28\tV1\tred\t[V-BAND] Banding in the sky\t4", lines.get(0)); // ;28 ;29 then ;02 ;03 (00, 01 dropped)
    }

    private Path resource(String name) throws Exception {
        Path p = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream(name)) {
            Files.copy(in, p);
        }
        return p;
    }

    @Test
    void readsResolveMarkersNamedByAnEditor() throws Exception {
        Session s = Session.ofRate(FrameRate.FPS_24, false);
        List<Note> n = NoteImport.read(NoteFormat.RESOLVE_EDL, s, resource("resolve-markers.edl"), false).notes();
        assertEquals(3, n.size());
        assertEquals("Titles start", n.get(0).text());
        assertEquals(Severity.FYI, n.get(0).severity());
        assertEquals("Sky bands in the wide", n.get(1).text());
        assertEquals(Severity.BLOCKER, n.get(1).severity());
        assertEquals(tc(s, "01:02:10:15"), n.get(1).tcIn());
        assertEquals(tc(s, "01:02:12:14"), n.get(1).tcOut()); // 48 frames
        assertEquals(Severity.ISSUE, n.get(2).severity());
    }

    @Test
    void readsAvidMarkerListsWithExtraColumns() throws Exception {
        Session s = Session.ofRate(FrameRate.FPS_25, false);
        List<Note> n = NoteImport.read(NoteFormat.AVID, s, resource("avid-markers.txt"), false).notes();
        assertEquals(3, n.size());
        assertEquals("Isabel", n.get(0).author());
        assertEquals(Severity.BLOCKER, n.get(0).severity());
        assertEquals("VFX - matte line on the left edge", n.get(0).text());
        assertEquals(tc(s, "01:01:28:07"), n.get(1).tcOut()); // 24 frames from 01:01:27:09
        assertEquals("A-SYNC", n.get(2).category());
        assertEquals("dialogue late by a frame", n.get(2).text());
    }

    @Test
    void readsLocatorsFromAnEditorsEdl() throws Exception {
        Session s = Session.ofRate(FrameRate.FPS_25, false);
        List<Note> n = NoteImport.read(NoteFormat.EDL, s, resource("avid-locators.edl"), false).notes();
        assertEquals(3, n.size());
        assertEquals(tc(s, "00:58:20:00"), n.get(0).tcOut()); // not at its event's start: one frame
        assertEquals("V-FOCUS", n.get(1).category());
        assertEquals(Severity.BLOCKER, n.get(1).severity());
        assertEquals(tc(s, "01:00:00:00"), n.get(2).tcIn());
        assertEquals(tc(s, "01:00:03:24"), n.get(2).tcOut()); // at its event's record in: spans the event
        assertEquals(Severity.ISSUE, n.get(2).severity());
    }

    @Test
    void readsFrameIoCommentExport() throws Exception {
        Session s = Session.ofRate(FrameRate.FPS_23_976, false);
        List<Note> n = NoteImport.read(NoteFormat.FRAMEIO_CSV, s, resource("frameio-comments.csv"), false).notes();
        assertEquals(3, n.size());
        assertEquals("Dana Director", n.get(0).author());
        assertEquals("Can we warm this up, it feels cold", n.get(0).text());
        assertEquals(tc(s, "01:00:12:00"), n.get(1).tcOut());
        assertEquals(NoteStatus.FIX, n.get(1).status());
        assertEquals("Logo too big — make it 80%", n.get(1).text());
        assertEquals("Love this \"moment\"\nkeep it", n.get(2).text());
    }

    @Test
    void readsOtioMarkersOnTheStackAndTracksButNotClips() throws Exception {
        Session s = Session.ofRate(FrameRate.FPS_25, false);
        List<Note> n = NoteImport.read(NoteFormat.OTIO, s, resource("track-markers.otio"), false).notes();
        assertEquals(2, n.size());
        assertEquals(tc(s, "01:00:10:00"), n.get(0).tcIn());
        assertEquals("Flash frame", n.get(0).text());
        assertEquals(Severity.BLOCKER, n.get(0).severity());
        assertEquals(tc(s, "01:00:20:00"), n.get(1).tcIn());
        assertEquals(tc(s, "01:00:21:24"), n.get(1).tcOut());
        assertEquals("Grain looks clumpy in the shadows", n.get(1).text());
    }

    @Test
    void badLinesAreReportedByNumberAndNothingIsImported() throws Exception {
        Session s = Session.ofRate(FrameRate.FPS_25, false);
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "Timecode In,Severity,Description\n"
                + "01:00:00:00,issue,fine\n"
                + "01:00:00:29,issue,frame 29 at 25 fps\n"
                + "01:00:01:00,issue,fine too\n"
                + "01:00:02;00,issue,drop-frame label in a non-drop session\n"
                + "01:00:03:00,severe,unknown severity\n");
        ImportException e = assertThrows(ImportException.class, () -> NoteImport.read(NoteFormat.CSV, s, f, false));
        assertEquals(List.of("line 3", "line 5", "line 6"), e.problems().stream().map(ImportProblem::where).toList());
        assertTrue(e.getMessage().contains("line 3: timecode 01:00:00:29 has frame 29 but 25 fps counts frames 00-24"),
                e.getMessage());
        ImportResult skipped = NoteImport.read(NoteFormat.CSV, s, f, true);
        assertEquals(List.of("fine", "fine too"), skipped.notes().stream().map(Note::text).toList());
        assertEquals(3, skipped.problems().size());
    }

    @Test
    void aTimecodeOfTheWrongCountingIsRejectedInEveryFormat() throws Exception {
        Session nonDrop = Session.ofRate(FrameRate.FPS_29_97, false);
        Path edl = dir.resolve("df.edl");
        NoteExport.write(NoteFormat.EDL, DF, sample(false), edl);
        ImportException e = assertThrows(ImportException.class,
                () -> NoteImport.read(NoteFormat.EDL, nonDrop, edl, false));
        assertTrue(e.getMessage().contains("drop-frame"), e.getMessage());
        Path avid = dir.resolve("a.txt");
        Files.writeString(avid, "Ann\t01:00:00:29\tV1\tred\tlate frame\t1\n");
        Session pal = Session.ofRate(FrameRate.FPS_25, false);
        e = assertThrows(ImportException.class, () -> NoteImport.read(NoteFormat.AVID, pal, avid, false));
        assertEquals("line 1", e.problems().getFirst().where());
    }

    @Test
    void exportReplacesTheTargetAtomicallyAndLeavesNoTemporaryFiles() throws Exception {
        Path out = dir.resolve("notes.csv");
        Files.writeString(out, "old content");
        NoteExport.write(NoteFormat.CSV, DF, sample(false), out);
        assertTrue(Files.readString(out).startsWith("Note ID,"));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(out), files.toList());
        }
    }

    @Test
    void truncatedJsonIsReportedNotHalfImported() throws Exception {
        Path f = dir.resolve("t.json");
        NoteExport.write(NoteFormat.JSON, DF, sample(false), f);
        String full = Files.readString(f);
        Files.writeString(f, full.substring(0, full.length() / 2));
        assertThrows(ImportException.class, () -> NoteImport.read(NoteFormat.JSON, DF, f, false));
    }

    @Test
    void pdfIsExportOnlyAndFrameIoIsImportOnly() {
        assertFalse(NoteFormat.PDF.canRead());
        assertFalse(NoteFormat.FRAMEIO_CSV.canWrite());
        assertThrows(IllegalArgumentException.class, () -> NoteFormat.parse("xml"));
    }
}
