package dev.xsight.export;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The interchange formats, by the names the CLI uses. */
public enum NoteFormat {
    CSV("csv", "csv", true, true, new CsvNotes()),
    JSON("json", "json", true, true, new JsonNotes()),
    EDL("edl", "edl", true, true, new EdlLocators()),
    RESOLVE_EDL("resolve-edl", "edl", true, true, new ResolveMarkerEdl()),
    AVID("avid", "txt", true, true, new AvidMarkerText()),
    OTIO("otio", "otio", true, true, new OtioMarkers()),
    PDF("pdf", "pdf", true, false, new PdfReport()),
    FRAMEIO_CSV("frameio-csv", "csv", false, true, new FrameIoCsv());

    private final String cliName;
    private final String extension;
    private final boolean writable;
    private final boolean readable;
    private final NoteCodec codec;

    NoteFormat(String cliName, String extension, boolean writable, boolean readable, NoteCodec codec) {
        this.cliName = cliName;
        this.extension = extension;
        this.writable = writable;
        this.readable = readable;
        this.codec = codec;
    }

    public String cliName() {
        return cliName;
    }

    public String extension() {
        return extension;
    }

    public boolean canWrite() {
        return writable;
    }

    public boolean canRead() {
        return readable;
    }

    NoteCodec codec() {
        return codec;
    }

    /** Parses a CLI name such as {@code resolve-edl}. */
    public static NoteFormat parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (NoteFormat f : values()) {
            if (f.cliName.equals(n)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + name + "': expected one of "
                + Arrays.stream(values()).map(NoteFormat::cliName).collect(Collectors.joining(", ")));
    }
}
