package dev.xsight.media;

import java.io.IOException;

/**
 * One kind of source the shell can open: the demo signal, an ST 2110-22 SDP file, an HLS URL. Implementations are
 * found with {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/dev.xsight.media.SourceProvider}), so a receiver module plugs into the source list
 * without the shell knowing it.
 *
 * <p>Threading: {@link #open} may block (file or network I/O) and is never called on the FX thread.
 */
public interface SourceProvider {

    /** Stable identifier: {@code demo}, {@code st2110}, {@code hls}. The shell keeps one provider per kind. */
    String kind();

    /** Entry in the source list, e.g. {@code Open ST 2110-22 SDP file…}. */
    String label();

    /** What the person must supply before {@link #open} is called. */
    Input input();

    /**
     * Opens a source (not yet started).
     *
     * @param location a file path or URL as {@link #input()} says; ignored for {@link Input#NONE}
     * @throws IOException when it cannot be opened; the message names the file or URL and what is wrong
     */
    FrameSource open(String location) throws IOException;

    /** What a provider needs to open a source. */
    enum Input {
        /** Nothing: a built-in source. */
        NONE,
        /** A local file (an SDP file). */
        FILE,
        /** A URL (an HLS playlist). */
        URL
    }
}
