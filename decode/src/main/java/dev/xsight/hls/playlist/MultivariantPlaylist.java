package dev.xsight.hls.playlist;

import java.net.URI;
import java.util.Comparator;
import java.util.List;

/**
 * A multivariant (master) playlist, RFC 8216 section 4.3.4: the variant streams and alternative renditions.
 *
 * @param uri where it was loaded from
 * @param variants {@code EXT-X-STREAM-INF} entries in playlist order (never empty)
 * @param renditions {@code EXT-X-MEDIA} entries in playlist order
 * @param independentSegments whether {@code EXT-X-INDEPENDENT-SEGMENTS} is present
 */
public record MultivariantPlaylist(URI uri, List<Variant> variants, List<Rendition> renditions,
        boolean independentSegments) implements Playlist {
    public MultivariantPlaylist {
        variants = List.copyOf(variants);
        renditions = List.copyOf(renditions);
    }

    /** Variants by ascending {@code BANDWIDTH}. */
    public List<Variant> byBandwidth() {
        return variants.stream().sorted(Comparator.comparingLong(Variant::bandwidth)).toList();
    }
}
