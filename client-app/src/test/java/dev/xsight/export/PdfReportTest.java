package dev.xsight.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.media.Timecode;
import dev.xsight.review.FrameGrab;
import dev.xsight.review.Note;
import dev.xsight.review.NoteStatus;
import dev.xsight.review.Severity;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PDF QC report read back with PDFBox: text extraction, embedded thumbnails and a rendered page. */
class PdfReportTest {
    @TempDir
    Path dir;

    @Test
    void reportHasCoverWithCountsAndOneRowPerNoteWithThumbnail() throws Exception {
        List<Note> notes = new ArrayList<>(NoteFormatsTest.sample(true));
        Timecode base = NoteFormatsTest.tc(NoteFormatsTest.DF, "01:30:00;00");
        FrameGrab grab = FrameGrab.ofPng(NoteFormatsTest.png());
        for (int i = 0; i < 26; i++) {
            Timecode t = base.plusFrames(i * 100L, NoteFormatsTest.DF.rate());
            notes.add(Note.create(t, t, i % 7 == 0 ? Severity.BLOCKER : Severity.FYI, "V-HIT",
                    "Generated note number " + i + " with enough words to wrap onto a second line in the note column"
                            + " of the report table", "QC", "grade").withFrameGrab(i % 2 == 0 ? grab : null));
        }
        Path pdf = dir.resolve("report.pdf");
        NoteExport.write(NoteFormat.PDF, NoteFormatsTest.DF, notes, pdf);

        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertTrue(doc.getNumberOfPages() >= 3, "cover plus at least two table pages");
            PDFTextStripper strip = new PDFTextStripper();
            strip.setStartPage(1);
            strip.setEndPage(1);
            String cover = strip.getText(doc);
            assertTrue(cover.contains("QC report"), cover);
            assertTrue(cover.contains("The Show"), cover);
            assertTrue(cover.contains("Ep 104"), cover);
            assertTrue(cover.contains("HD SDR master"), cover);
            long blockers = notes.stream().filter(n -> n.severity() == Severity.BLOCKER).count();
            long fyi = notes.stream().filter(n -> n.severity() == Severity.FYI).count();
            assertTrue(cover.contains("BLOCKER " + blockers), cover);
            assertTrue(cover.contains("ISSUE 2"), cover);
            assertTrue(cover.contains("FYI " + fyi), cover);
            assertTrue(cover.contains("Notes " + notes.size()), cover);

            strip.setStartPage(2);
            strip.setEndPage(doc.getNumberOfPages());
            String table = strip.getText(doc);
            for (Note n : notes) {
                assertTrue(table.contains(n.tcIn().toString()), "missing row for " + n.tcIn());
            }
            assertTrue(table.contains("Dialogue one frame late"), table);
            assertTrue(table.contains(NoteStatus.CREATIVE_INTENT.label()), table);

            int images = 0;
            for (int p = 1; p < doc.getNumberOfPages(); p++) {
                var res = doc.getPage(p).getResources();
                for (COSName name : res.getXObjectNames()) {
                    if (res.getXObject(name) instanceof PDImageXObject) {
                        images++;
                    }
                }
            }
            long withGrab = notes.stream().filter(n -> n.frameGrab().isPresent()).count();
            assertEquals(withGrab, images, "one thumbnail per note with a frame grab");

            // Rendered for a person to look at (kept under target/ by the build).
            Path outDir = Path.of("target", "pdf-render");
            Files.createDirectories(outDir);
            PDFRenderer r = new PDFRenderer(doc);
            for (int p = 0; p < 2; p++) {
                BufferedImage img = r.renderImageWithDPI(p, 60);
                assertTrue(img.getWidth() > 600);
                ImageIO.write(img, "png", outDir.resolve("qc-report-page" + (p + 1) + ".png").toFile());
            }
            Files.copy(pdf, outDir.resolve("qc-report.pdf"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
