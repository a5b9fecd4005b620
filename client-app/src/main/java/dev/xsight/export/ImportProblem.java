package dev.xsight.export;

/**
 * One rejected entry of an imported file.
 *
 * @param where {@code line 12} for text formats, {@code marker 3} for OTIO
 */
public record ImportProblem(String where, String message) {
    public static ImportProblem atLine(int line, String message) {
        return new ImportProblem("line " + line, message);
    }

    @Override
    public String toString() {
        return where + ": " + message;
    }
}
