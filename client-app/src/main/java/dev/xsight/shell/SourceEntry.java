package dev.xsight.shell;

import dev.xsight.media.SourceProvider;

/**
 * One line in the source list.
 *
 * @param kind the provider kind ({@code demo}, {@code st2110}, {@code hls})
 * @param label what the list shows
 * @param provider how to open it, or {@code null} when this build lacks it
 * @param unavailableReason why it cannot be opened (shown to the person), or {@code null} when available
 */
public record SourceEntry(String kind, String label, SourceProvider provider, String unavailableReason) {

    public boolean available() {
        return provider != null;
    }

    @Override
    public String toString() {
        return label;
    }
}
