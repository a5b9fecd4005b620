package dev.xsight.hls.audio;

import dev.xsight.hls.playlist.MultivariantPlaylist;
import dev.xsight.hls.playlist.Rendition;
import dev.xsight.hls.playlist.Variant;
import java.util.List;
import java.util.Locale;

/**
 * Chooses the alternative audio rendition of a variant stream, RFC 8216 4.3.4.1.1 and 4.3.4.2: the variant's
 * {@code AUDIO} attribute names a group of {@code EXT-X-MEDIA TYPE=AUDIO} renditions, one of which is played with
 * the variant's pictures.
 *
 * <p>Order of choice: a rendition whose {@code LANGUAGE} matches the person's preferred language (those with
 * {@code AUTOSELECT=YES} first, as 4.3.4.1 reserves automatic choice for them; any match otherwise, because the
 * person asked for it by name), else the one with {@code DEFAULT=YES}, else the first of the group in playlist
 * order. Languages match ignoring case, either exactly or on the primary subtag ({@code en} matches {@code en-GB}),
 * two- and three-letter ISO 639 codes alike ({@code fr} matches {@code fra}, which packagers such as FFmpeg write).
 *
 * <p>Pure and thread-safe.
 */
public final class AudioRenditionSelector {
    private AudioRenditionSelector() {
    }

    /**
     * The group's rendition to present with {@code variant}, or null when the variant names no audio group or the
     * group has no renditions (then only audio muxed in the variant plays). The rendition returned may have no URI:
     * 4.3.4.1 says its audio is then in the variant's own segments.
     *
     * @param preferredLanguage a language tag, or null for the playlist's default
     */
    public static Rendition choose(MultivariantPlaylist master, Variant variant, String preferredLanguage) {
        if (variant == null || variant.audioGroup() == null) {
            return null;
        }
        List<Rendition> group = master.renditions().stream()
                .filter(r -> "AUDIO".equals(r.type()) && variant.audioGroup().equals(r.groupId()))
                .toList();
        if (group.isEmpty()) {
            return null;
        }
        if (preferredLanguage != null) {
            Rendition anyMatch = null;
            for (Rendition r : group) {
                if (languageMatches(r.language(), preferredLanguage)) {
                    if (r.autoSelect() || r.isDefault()) {
                        return r;
                    }
                    if (anyMatch == null) {
                        anyMatch = r;
                    }
                }
            }
            if (anyMatch != null) {
                return anyMatch;
            }
        }
        for (Rendition r : group) {
            if (r.isDefault()) {
                return r;
            }
        }
        return group.getFirst();
    }

    /** Whether a rendition's LANGUAGE satisfies a wanted tag (exactly, or on the primary subtag), ignoring case. */
    static boolean languageMatches(String language, String wanted) {
        if (language == null || wanted == null) {
            return false;
        }
        String a = language.toLowerCase(Locale.ROOT);
        String b = wanted.toLowerCase(Locale.ROOT);
        return a.equals(b) || primary(a).equals(primary(b)) || iso3(primary(a)).equals(iso3(primary(b)));
    }

    /** ISO 639-2 code of a primary subtag ({@code fr} and {@code fra} are both French), or the subtag itself. */
    private static String iso3(String primary) {
        try {
            String three = Locale.forLanguageTag(primary).getISO3Language();
            return three.isEmpty() ? primary : three;
        } catch (java.util.MissingResourceException e) {
            return primary;
        }
    }

    private static String primary(String tag) {
        int dash = tag.indexOf('-');
        return dash < 0 ? tag : tag.substring(0, dash);
    }
}
