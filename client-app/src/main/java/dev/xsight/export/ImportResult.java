package dev.xsight.export;

import dev.xsight.review.Note;
import java.util.List;

/** The notes read from a file and the entries that could not be read. */
public record ImportResult(List<Note> notes, List<ImportProblem> problems) {
    public ImportResult {
        notes = List.copyOf(notes);
        problems = List.copyOf(problems);
    }
}
