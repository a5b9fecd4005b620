package dev.xsight.hls.playlist;

import java.net.URI;

/**
 * One {@code EXT-X-MEDIA} alternative rendition, RFC 8216 section 4.3.4.1.
 *
 * @param type AUDIO, VIDEO, SUBTITLES or CLOSED-CAPTIONS
 * @param groupId {@code GROUP-ID}
 * @param name {@code NAME}
 * @param language {@code LANGUAGE}, or null
 * @param uri the media playlist, or null when the rendition is carried in the variant itself
 * @param isDefault {@code DEFAULT=YES}
 * @param autoSelect {@code AUTOSELECT=YES}
 * @param channels {@code CHANNELS}, or null
 */
public record Rendition(String type, String groupId, String name, String language, URI uri, boolean isDefault,
        boolean autoSelect, String channels) {
}
