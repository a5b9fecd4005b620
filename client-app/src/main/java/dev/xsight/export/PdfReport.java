package dev.xsight.export;

import dev.xsight.checklist.QcTaxonomy;
import dev.xsight.review.Note;
import dev.xsight.review.NoteStatus;
import dev.xsight.review.Session;
import dev.xsight.review.Severity;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * PDF QC report (Apache PDFBox): a cover with the session, deliverable and note counts by severity and status,
 * then a table with one row per note: timecode in and out, severity, category, status, author, the text and a
 * thumbnail of the frame grab. A4 landscape, the standard Helvetica font (characters outside WinAnsi print as '?').
 */
final class PdfReport implements NoteCodec {
    private static final PDRectangle PAGE = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());
    private static final float MARGIN = 36;
    private static final float BODY = 9;
    private static final float LEADING = 11;
    private static final float THUMB_W = 96;
    private static final float THUMB_H = 54;
    /** Column x offsets from the margin: #, in, out, severity, category, status, author, note, thumbnail. */
    private static final float[] COL = {0, 24, 92, 160, 210, 300, 375, 450, 770 - MARGIN - THUMB_W + 30};
    private static final String[] HEAD = {"#", "TC in", "TC out", "Severity", "Category", "Status", "Author", "Note",
        "Frame"};

    @Override
    public void write(Session session, List<Note> notes, OutputStream out) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            Fonts f = new Fonts();
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle("QC report - " + f.safe(session.title()));
            info.setCreator("Xsight");
            cover(doc, f, session, notes);
            table(doc, f, session, notes);
            doc.save(out);
        }
    }

    private static void cover(PDDocument doc, Fonts f, Session s, List<Note> notes) throws IOException {
        PDPage page = new PDPage(PAGE);
        doc.addPage(page);
        Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
        Map<NoteStatus, Integer> byStatus = new EnumMap<>(NoteStatus.class);
        for (Severity v : Severity.values()) {
            bySeverity.put(v, 0);
        }
        for (Note n : notes) {
            bySeverity.merge(n.severity(), 1, Integer::sum);
            byStatus.merge(n.status(), 1, Integer::sum);
        }
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
            float y = PAGE.getHeight() - 80;
            text(cs, f.bold, 26, MARGIN, y, "QC report", f);
            y -= 40;
            String[][] rows = {
                {"Production", s.production()}, {"Episode / reel", s.episode()}, {"Deliverable", s.deliverable()},
                {"Frame rate", s.rate().label() + " fps " + (s.dropFrame() ? "drop-frame" : "non-drop")},
                {"Sources", String.join(", ", s.sources())},
                {"Generated", ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE) + " UTC"},
                {"Notes", Integer.toString(notes.size())}};
            for (String[] r : rows) {
                text(cs, f.bold, 12, MARGIN, y, r[0], f);
                text(cs, f.regular, 12, MARGIN + 130, y, r[1].isBlank() ? "-" : r[1], f);
                y -= 20;
            }
            y -= 16;
            text(cs, f.bold, 14, MARGIN, y, "Notes by severity", f);
            y -= 22;
            for (Severity v : Severity.values()) {
                text(cs, f.regular, 12, MARGIN, y, v.name(), f);
                text(cs, f.bold, 12, MARGIN + 130, y, Integer.toString(bySeverity.get(v)), f);
                y -= 18;
            }
            y -= 16;
            text(cs, f.bold, 14, MARGIN, y, "Notes by status", f);
            y -= 22;
            for (Map.Entry<NoteStatus, Integer> e : byStatus.entrySet()) {
                text(cs, f.regular, 12, MARGIN, y, e.getKey().label(), f);
                text(cs, f.bold, 12, MARGIN + 130, y, Integer.toString(e.getValue()), f);
                y -= 18;
            }
            long unresolved = notes.stream().filter(n -> n.severity() == Severity.BLOCKER
                    && (n.status() == NoteStatus.OPEN || n.status() == NoteStatus.FIX)).count();
            String verdict = unresolved > 0 ? "FAIL: " + unresolved + " blocker" + (unresolved == 1 ? "" : "s")
                    + " open or to fix" : "No open blockers";
            text(cs, f.bold, 16, MARGIN + 420, PAGE.getHeight() - 120, verdict, f);
        }
    }

    private static void table(PDDocument doc, Fonts f, Session s, List<Note> notes) throws IOException {
        QcTaxonomy tax = QcTaxonomy.builtIn();
        float noteWidth = COL[8] - COL[7] - 10;
        PDPageContentStream cs = null;
        float y = 0;
        int pageNo = 1;
        try {
            for (int i = 0; i < notes.size(); i++) {
                Note n = notes.get(i);
                List<String> lines = wrap(f, f.safe(n.text()), noteWidth);
                if (lines.size() > 12) {
                    lines = new ArrayList<>(lines.subList(0, 12));
                    lines.set(11, lines.get(11) + " ...");
                }
                float rowH = Math.max(THUMB_H + 6, lines.size() * LEADING + 8);
                if (cs == null || y - rowH < MARGIN + 14) {
                    if (cs != null) {
                        cs.close();
                    }
                    PDPage page = new PDPage(PAGE);
                    doc.addPage(page);
                    cs = new PDPageContentStream(doc, page);
                    pageNo++;
                    y = PAGE.getHeight() - MARGIN;
                    text(cs, f.bold, 11, MARGIN, y, f.safe(s.title()) + " - notes", f);
                    text(cs, f.regular, 8, PAGE.getWidth() - MARGIN - 40, MARGIN - 14, "page " + pageNo, f);
                    y -= 20;
                    for (int c = 0; c < HEAD.length; c++) {
                        text(cs, f.bold, BODY, MARGIN + COL[c], y, HEAD[c], f);
                    }
                    y -= 4;
                    rule(cs, y);
                    y -= LEADING;
                }
                String[] cells = {Integer.toString(i + 1), n.tcIn().toString(), n.tcOut().toString(),
                    n.severity().name(), tax.displayName(n.category()), n.status().label(), n.author()};
                for (int c = 0; c < cells.length; c++) {
                    String cell = fit(f, f.safe(cells[c]), COL[c + 1] - COL[c] - 4);
                    text(cs, c == 3 ? f.bold : f.regular, BODY, MARGIN + COL[c], y, cell, f);
                }
                float ly = y;
                for (String l : lines) {
                    text(cs, f.regular, BODY, MARGIN + COL[7], ly, l, f);
                    ly -= LEADING;
                }
                if (n.frameGrab().isPresent()) {
                    thumbnail(doc, cs, n.frameGrab().get().png(), MARGIN + COL[8], y + BODY - THUMB_H);
                }
                y -= rowH;
                rule(cs, y + LEADING - 2);
            }
        } finally {
            if (cs != null) {
                cs.close();
            }
        }
    }

    private static void thumbnail(PDDocument doc, PDPageContentStream cs, byte[] png, float x, float y)
            throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        if (img == null || img.getWidth() <= 0 || img.getHeight() <= 0) {
            return;
        }
        PDImageXObject x0 = LosslessFactory.createFromImage(doc, img);
        float scale = Math.min(THUMB_W / img.getWidth(), THUMB_H / img.getHeight());
        cs.drawImage(x0, x, y, img.getWidth() * scale, img.getHeight() * scale);
    }

    private static void rule(PDPageContentStream cs, float y) throws IOException {
        cs.setLineWidth(0.4f);
        cs.moveTo(MARGIN, y);
        cs.lineTo(PAGE.getWidth() - MARGIN, y);
        cs.stroke();
    }

    private static void text(PDPageContentStream cs, PDType1Font font, float size, float x, float y, String s,
            Fonts f) throws IOException {
        cs.beginText();
        cs.setFont(font, size);
        cs.newLineAtOffset(x, y);
        cs.showText(f.safe(s));
        cs.endText();
    }

    private static String fit(Fonts f, String s, float width) throws IOException {
        String t = s;
        while (!t.isEmpty() && f.width(t, BODY) > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t.length() < s.length() && t.length() > 1 ? t.substring(0, t.length() - 1) + "." : t;
    }

    private static List<String> wrap(Fonts f, String text, float width) throws IOException {
        List<String> out = new ArrayList<>();
        for (String para : text.split("\\r?\\n|\\r")) {
            StringBuilder line = new StringBuilder();
            for (String word : para.split(" ")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (f.width(candidate, BODY) <= width) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (!line.isEmpty()) {
                    out.add(line.toString());
                    line.setLength(0);
                }
                String w = word;
                while (f.width(w, BODY) > width && w.length() > 1) {
                    int cut = w.length() - 1;
                    while (cut > 1 && f.width(w.substring(0, cut), BODY) > width) {
                        cut--;
                    }
                    out.add(w.substring(0, cut));
                    w = w.substring(cut);
                }
                line.append(w);
            }
            out.add(line.toString());
        }
        return out;
    }

    /** The standard fonts and a filter to the characters they can encode. */
    private static final class Fonts {
        final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        private final Map<Character, Boolean> encodable = new HashMap<>();

        String safe(String s) {
            StringBuilder b = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\n' || c == '\r' || c == '\t') {
                    b.append(' ');
                } else if (c < 0x20 || !encodable.computeIfAbsent(c, this::canEncode)) {
                    b.append('?');
                } else {
                    b.append(c);
                }
            }
            return b.toString();
        }

        private boolean canEncode(char c) {
            try {
                regular.encode(String.valueOf(c));
                return true;
            } catch (IOException | IllegalArgumentException e) {
                return false;
            }
        }

        float width(String s, float size) throws IOException {
            return regular.getStringWidth(safe(s)) / 1000 * size;
        }
    }
}
