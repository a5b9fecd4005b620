package dev.xsight.export;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An import refused because entries of the file are bad; nothing was imported. The message names the file and
 * every bad entry (the first ten in full).
 */
public final class ImportException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final transient List<ImportProblem> problems;

    public ImportException(Path file, List<ImportProblem> problems) {
        super(message(file, problems));
        this.problems = List.copyOf(problems);
    }

    public ImportException(Path file, String reason) {
        this(file, List.of(new ImportProblem("file", reason)));
    }

    public List<ImportProblem> problems() {
        return problems;
    }

    private static String message(Path file, List<ImportProblem> problems) {
        String shown = problems.stream().limit(10).map(ImportProblem::toString).collect(Collectors.joining("; "));
        String more = problems.size() > 10 ? "; and " + (problems.size() - 10) + " more" : "";
        return file + ": " + problems.size() + " bad " + (problems.size() == 1 ? "entry" : "entries")
                + ", nothing imported (use --skip-bad to import the rest): " + shown + more;
    }
}
