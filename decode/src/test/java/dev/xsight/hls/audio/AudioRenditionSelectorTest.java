package dev.xsight.hls.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.xsight.hls.playlist.MultivariantPlaylist;
import dev.xsight.hls.playlist.Rendition;
import dev.xsight.hls.playlist.Variant;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 8216 4.3.4.1.1 / 4.3.4.2: which rendition of a variant's AUDIO group plays. */
class AudioRenditionSelectorTest {
    private static final URI BASE = URI.create("http://example.test/master.m3u8");

    private static Rendition audio(String group, String name, String lang, boolean isDefault, boolean auto,
            String uri) {
        return new Rendition("AUDIO", group, name, lang, uri == null ? null : BASE.resolve(uri), isDefault, auto,
                "2");
    }

    private static Variant variant(String group) {
        return new Variant(BASE.resolve("v.m3u8"), 1_000_000, -1, 640, 360, List.of(), 25, group, 3);
    }

    private static MultivariantPlaylist master(Rendition... r) {
        return new MultivariantPlaylist(BASE, List.of(variant("aud")), List.of(r), false);
    }

    @Test
    void defaultYesIsChosenWithoutAPreference() {
        Rendition en = audio("aud", "English", "en", false, true, "en.m3u8");
        Rendition de = audio("aud", "Deutsch", "de", true, true, "de.m3u8");
        assertEquals(de, AudioRenditionSelector.choose(master(en, de), variant("aud"), null));
    }

    @Test
    void firstOfTheGroupWhenNoneIsDefault() {
        Rendition other = audio("other", "Other", "en", true, true, "o.m3u8");
        Rendition en = audio("aud", "English", "en", false, false, "en.m3u8");
        Rendition de = audio("aud", "Deutsch", "de", false, false, "de.m3u8");
        assertEquals(en, AudioRenditionSelector.choose(master(other, en, de), variant("aud"), null));
    }

    @Test
    void preferredLanguageWinsOverDefaultAndMatchesOnThePrimarySubtag() {
        Rendition en = audio("aud", "English", "en", true, true, "en.m3u8");
        Rendition pt = audio("aud", "Português", "pt-BR", false, true, "pt.m3u8");
        assertEquals(pt, AudioRenditionSelector.choose(master(en, pt), variant("aud"), "PT"));
        assertEquals(pt, AudioRenditionSelector.choose(master(en, pt), variant("aud"), "pt-br"));
        assertEquals(pt, AudioRenditionSelector.choose(master(en, pt), variant("aud"), "por"), "ISO 639-2 code");
        assertEquals(en, AudioRenditionSelector.choose(master(en, pt), variant("aud"), "ja"), "no match: default");
    }

    @Test
    void autoSelectRenditionIsPreferredAmongLanguageMatches() {
        Rendition commentary = audio("aud", "Commentary", "en", false, false, "c.m3u8");
        Rendition main = audio("aud", "English", "en", false, true, "en.m3u8");
        Rendition fr = audio("aud", "Français", "fr", true, true, "fr.m3u8");
        assertEquals(main, AudioRenditionSelector.choose(master(commentary, main, fr), variant("aud"), "en"));
    }

    @Test
    void renditionWithoutUriMeansMuxedAudioAndNoGroupMeansNone() {
        Rendition muxed = audio("aud", "Main", "en", true, true, null);
        assertNull(AudioRenditionSelector.choose(master(muxed), variant("aud"), null).uri());
        assertNull(AudioRenditionSelector.choose(master(muxed), variant(null), null));
        assertNull(AudioRenditionSelector.choose(master(muxed), variant("missing"), null));
    }
}
