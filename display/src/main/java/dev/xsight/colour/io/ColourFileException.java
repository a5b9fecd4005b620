package dev.xsight.colour.io;

/**
 * A LUT, CLF, CDL, AMF or FDL file that cannot be used: names the file, the line (0 when unknown) and the problem.
 * An {@link IllegalArgumentException} so that the CLI reports it as bad input.
 */
public final class ColourFileException extends IllegalArgumentException {
    private final String file;
    private final int line;
    private final String problem;

    public ColourFileException(String file, int line, String problem) {
        this(file, line, problem, null);
    }

    public ColourFileException(String file, int line, String problem, Throwable cause) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem, cause);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String problem() {
        return problem;
    }
}
