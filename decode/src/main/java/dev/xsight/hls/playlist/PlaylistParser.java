package dev.xsight.hls.playlist;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses RFC 8216 playlists: bytes in, an immutable {@link Playlist} out. Pure: no I/O, no clock; relative URIs are
 * resolved against the playlist's own URI and every URI is checked against a {@link UriPolicy}. Unknown tags are
 * ignored (section 6.3.1); anything malformed is a {@link PlaylistException} naming the line.
 *
 * <p>Thread-safe (stateless).
 */
public final class PlaylistParser {
    /** Largest playlist accepted, in bytes. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;
    /** Largest playlist accepted, in lines. */
    public static final int MAX_LINES = 100_000;

    private static final long NANOS = 1_000_000_000L;

    private PlaylistParser() {
    }

    /**
     * Parses one playlist.
     *
     * @param uri where the bytes came from (after redirects)
     * @param bytes the playlist
     * @param policy which URIs the playlist may name
     * @throws PlaylistException naming the line and what is wrong
     */
    public static Playlist parse(URI uri, byte[] bytes, UriPolicy policy) throws PlaylistException {
        if (bytes.length > MAX_BYTES) {
            throw new PlaylistException(uri, 0, "playlist is " + bytes.length + " bytes, over the " + MAX_BYTES
                    + "-byte limit");
        }
        String text = decode(uri, bytes);
        List<String> lines = splitLines(uri, text);
        // RFC 8216 4.3.1.1: the first line of every playlist is EXTM3U.
        if (lines.isEmpty() || !lines.get(0).strip().equals("#EXTM3U")) {
            throw new PlaylistException(uri, 1, "not an HLS playlist: the first line must be #EXTM3U");
        }
        boolean master = false;
        boolean media = false;
        for (String l : lines) {
            if (l.startsWith("#EXT-X-STREAM-INF") || l.startsWith("#EXT-X-MEDIA:")
                    || l.startsWith("#EXT-X-I-FRAME-STREAM-INF")) {
                master = true;
            } else if (l.startsWith("#EXTINF") || l.startsWith("#EXT-X-TARGETDURATION")) {
                media = true;
            }
        }
        if (master && media) {
            // Section 4.1: a playlist is either a media playlist or a master playlist, never both.
            throw new PlaylistException(uri, 0, "playlist mixes master tags (EXT-X-STREAM-INF/EXT-X-MEDIA) with "
                    + "media segment tags (EXTINF/EXT-X-TARGETDURATION)");
        }
        return master ? new MasterReader(uri, policy).read(lines) : new MediaReader(uri, policy).read(lines);
    }

    private static String decode(URI uri, byte[] bytes) throws PlaylistException {
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, bytes.length - start)).toString();
        } catch (CharacterCodingException e) {
            throw new PlaylistException(uri, 0, "playlist is not UTF-8 (RFC 8216 4.1)");
        }
    }

    private static List<String> splitLines(URI uri, String text) throws PlaylistException {
        List<String> lines = new ArrayList<>();
        int from = 0;
        while (from <= text.length()) {
            int nl = text.indexOf('\n', from);
            int end = nl < 0 ? text.length() : nl;
            String line = text.substring(from, end);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            lines.add(line);
            if (lines.size() > MAX_LINES) {
                throw new PlaylistException(uri, MAX_LINES + 1, "playlist has more than " + MAX_LINES + " lines");
            }
            if (nl < 0) {
                break;
            }
            from = nl + 1;
        }
        return lines;
    }

    /** Common parts of both readers: URI resolution, attribute lists and numbers. */
    private abstract static class Reader {
        final URI base;
        final UriPolicy policy;
        int line;

        Reader(URI base, UriPolicy policy) {
            this.base = base;
            this.policy = policy;
        }

        PlaylistException error(String reason) {
            return new PlaylistException(base, line, reason);
        }

        URI resolve(String ref) throws PlaylistException {
            URI u;
            try {
                u = base.resolve(new URI(ref.strip()));
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw error("bad URI '" + abbreviate(ref) + "'");
            }
            String refusal = policy.refusal(u);
            if (refusal != null) {
                throw error(refusal);
            }
            return u;
        }

        /** Section 4.2: attribute-list, comma-separated {@code NAME=value}, quoted strings keep their quotes. */
        Map<String, String> attributes(String tag, String list) throws PlaylistException {
            Map<String, String> out = new HashMap<>();
            int i = 0;
            int n = list.length();
            while (i < n) {
                int eq = list.indexOf('=', i);
                if (eq < 0) {
                    throw error(tag + ": attribute without '=' in '" + abbreviate(list) + "'");
                }
                String name = list.substring(i, eq).strip();
                if (name.isEmpty() || !name.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || c == '-')) {
                    throw error(tag + ": bad attribute name '" + abbreviate(name) + "'");
                }
                int v = eq + 1;
                int end;
                String value;
                if (v < n && list.charAt(v) == '"') {
                    int close = list.indexOf('"', v + 1);
                    if (close < 0) {
                        throw error(tag + ": unterminated quoted string for " + name);
                    }
                    value = list.substring(v, close + 1);
                    end = close + 1;
                    if (end < n && list.charAt(end) != ',') {
                        throw error(tag + ": expected ',' after the quoted value of " + name);
                    }
                } else {
                    end = list.indexOf(',', v);
                    end = end < 0 ? n : end;
                    value = list.substring(v, end).strip();
                }
                if (out.put(name, value) != null) {
                    throw error(tag + ": attribute " + name + " appears twice (RFC 8216 4.2)");
                }
                i = end + 1;
            }
            return out;
        }

        String quoted(String tag, Map<String, String> attrs, String name, boolean required) throws PlaylistException {
            String v = attrs.get(name);
            if (v == null) {
                if (required) {
                    throw error(tag + " lacks the required " + name + " attribute");
                }
                return null;
            }
            if (v.length() < 2 || v.charAt(0) != '"' || v.charAt(v.length() - 1) != '"') {
                throw error(tag + ": " + name + " must be a quoted string");
            }
            return v.substring(1, v.length() - 1);
        }

        String enumerated(String tag, Map<String, String> attrs, String name, boolean required)
                throws PlaylistException {
            String v = attrs.get(name);
            if (v == null) {
                if (required) {
                    throw error(tag + " lacks the required " + name + " attribute");
                }
                return null;
            }
            if (v.startsWith("\"")) {
                throw error(tag + ": " + name + " must not be quoted");
            }
            return v;
        }

        long decimal(String what, String text) throws PlaylistException {
            String t = text.strip();
            // Section 4.2: decimal-integer is 1-20 digits, 0 to 2^64-1; we accept what fits a signed long.
            if (t.isEmpty() || t.length() > 19 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw error(what + ": expected a decimal integer, got '" + abbreviate(text) + "'");
            }
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw error(what + ": " + t + " is too large");
            }
        }

        long seconds(String what, String text) throws PlaylistException {
            String t = text.strip();
            if (t.isEmpty() || t.length() > 24 || !t.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.')) {
                throw error(what + ": expected a non-negative number of seconds, got '" + abbreviate(text) + "'");
            }
            double d;
            try {
                d = Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw error(what + ": expected a number of seconds, got '" + abbreviate(text) + "'");
            }
            if (!(d <= 86_400.0 * 366)) {
                throw error(what + ": " + t + " seconds is beyond a year");
            }
            return Math.round(d * NANOS);
        }
    }

    private static final class MasterReader extends Reader {
        MasterReader(URI base, UriPolicy policy) {
            super(base, policy);
        }

        MultivariantPlaylist read(List<String> lines) throws PlaylistException {
            List<Variant> variants = new ArrayList<>();
            List<Rendition> renditions = new ArrayList<>();
            boolean independent = false;
            Map<String, String> pending = null;
            int pendingLine = 0;
            for (line = 2; line <= lines.size(); line++) {
                String l = lines.get(line - 1).strip();
                if (l.isEmpty()) {
                    continue;
                }
                if (l.startsWith("#EXT-X-STREAM-INF:")) {
                    if (pending != null) {
                        throw error("EXT-X-STREAM-INF on line " + pendingLine + " is not followed by a URI");
                    }
                    pending = attributes("EXT-X-STREAM-INF", l.substring(l.indexOf(':') + 1));
                    pendingLine = line;
                } else if (l.startsWith("#EXT-X-MEDIA:")) {
                    renditions.add(rendition(attributes("EXT-X-MEDIA", l.substring(13))));
                } else if (l.equals("#EXT-X-INDEPENDENT-SEGMENTS")) {
                    independent = true;
                } else if (l.startsWith("#")) {
                    continue; // comments, I-frame playlists and unknown tags are ignored (section 6.3.1)
                } else {
                    if (pending == null) {
                        throw error("URI '" + abbreviate(l) + "' in a master playlist without EXT-X-STREAM-INF");
                    }
                    variants.add(variant(pending, pendingLine, resolve(l)));
                    pending = null;
                }
            }
            if (pending != null) {
                line = pendingLine;
                throw error("EXT-X-STREAM-INF is not followed by a URI");
            }
            if (variants.isEmpty()) {
                line = 0;
                throw error("master playlist lists no variant streams");
            }
            return new MultivariantPlaylist(base, variants, renditions, independent);
        }

        private Variant variant(Map<String, String> a, int tagLine, URI uri) throws PlaylistException {
            int uriLine = line;
            line = tagLine;
            String tag = "EXT-X-STREAM-INF";
            long bandwidth = decimal(tag + " BANDWIDTH", enumerated(tag, a, "BANDWIDTH", true));
            String avg = enumerated(tag, a, "AVERAGE-BANDWIDTH", false);
            long average = avg == null ? -1 : decimal(tag + " AVERAGE-BANDWIDTH", avg);
            int w = 0;
            int h = 0;
            String res = enumerated(tag, a, "RESOLUTION", false);
            if (res != null) {
                int x = res.indexOf('x');
                if (x <= 0) {
                    throw error(tag + ": RESOLUTION must be WIDTHxHEIGHT, got '" + abbreviate(res) + "'");
                }
                long lw = decimal(tag + " RESOLUTION", res.substring(0, x));
                long lh = decimal(tag + " RESOLUTION", res.substring(x + 1));
                if (lw <= 0 || lh <= 0 || lw > 16384 || lh > 16384) {
                    throw error(tag + ": RESOLUTION " + res + " is outside 1..16384");
                }
                w = (int) lw;
                h = (int) lh;
            }
            String codecs = quoted(tag, a, "CODECS", false);
            List<String> codecList = codecs == null ? List.of()
                    : java.util.Arrays.stream(codecs.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            String fr = enumerated(tag, a, "FRAME-RATE", false);
            double frameRate = fr == null ? 0 : seconds(tag + " FRAME-RATE", fr) / 1e9;
            String audio = quoted(tag, a, "AUDIO", false);
            line = uriLine;
            return new Variant(uri, bandwidth, average, w, h, codecList, frameRate, audio, tagLine);
        }

        private Rendition rendition(Map<String, String> a) throws PlaylistException {
            String tag = "EXT-X-MEDIA";
            String type = enumerated(tag, a, "TYPE", true);
            if (!List.of("AUDIO", "VIDEO", "SUBTITLES", "CLOSED-CAPTIONS").contains(type)) {
                throw error(tag + ": TYPE must be AUDIO, VIDEO, SUBTITLES or CLOSED-CAPTIONS, got '"
                        + abbreviate(type) + "'");
            }
            String group = quoted(tag, a, "GROUP-ID", true);
            String name = quoted(tag, a, "NAME", true);
            String uri = quoted(tag, a, "URI", false);
            if (uri != null && type.equals("CLOSED-CAPTIONS")) {
                throw error(tag + ": CLOSED-CAPTIONS must not have a URI (RFC 8216 4.3.4.1)");
            }
            return new Rendition(type, group, name, quoted(tag, a, "LANGUAGE", false),
                    uri == null ? null : resolve(uri), "YES".equals(enumerated(tag, a, "DEFAULT", false)),
                    "YES".equals(enumerated(tag, a, "AUTOSELECT", false)), quoted(tag, a, "CHANNELS", false));
        }
    }

    private static final class MediaReader extends Reader {
        private int version = 1;
        private long targetDuration = -1;
        private long mediaSequence;
        private long discontinuitySequence;
        private PlaylistType type = PlaylistType.NONE;
        private boolean endList;
        private long startOffset = Long.MIN_VALUE;

        MediaReader(URI base, UriPolicy policy) {
            super(base, policy);
        }

        MediaPlaylist read(List<String> lines) throws PlaylistException {
            List<MediaSegment> segments = new ArrayList<>();
            long pendingDuration = -1;
            boolean pendingDiscontinuity = false;
            OffsetDateTime pendingPdt = null;
            OffsetDateTime carriedPdt = null;
            long[] pendingRange = null;
            long lastRangeEnd = -1;
            URI lastRangeUri = null;
            SegmentKey key = null;
            InitSection init = null;
            long discSeq = 0;
            boolean sequenceFixed = false;
            for (line = 2; line <= lines.size(); line++) {
                String l = lines.get(line - 1).strip();
                if (l.isEmpty()) {
                    continue;
                }
                if (!l.startsWith("#")) {
                    if (pendingDuration < 0) {
                        throw error("segment URI '" + abbreviate(l) + "' without a preceding EXTINF");
                    }
                    if (!sequenceFixed) {
                        discSeq = discontinuitySequence;
                        sequenceFixed = true;
                    }
                    URI uri = resolve(l);
                    if (pendingDiscontinuity) {
                        discSeq++;
                    }
                    OffsetDateTime pdt = pendingPdt != null ? pendingPdt : carriedPdt;
                    ByteRange range = null;
                    if (pendingRange != null) {
                        long offset = pendingRange[1];
                        if (offset < 0) {
                            if (lastRangeEnd < 0 || !uri.equals(lastRangeUri)) {
                                throw error("EXT-X-BYTERANGE without an offset needs a previous sub-range of the "
                                        + "same resource (RFC 8216 4.3.2.2)");
                            }
                            offset = lastRangeEnd;
                        }
                        if (offset > Long.MAX_VALUE - pendingRange[0]) {
                            throw error("EXT-X-BYTERANGE overflows");
                        }
                        range = new ByteRange(offset, pendingRange[0]);
                        lastRangeEnd = offset + pendingRange[0];
                        lastRangeUri = uri;
                    }
                    segments.add(new MediaSegment(uri, pendingDuration, mediaSequence + segments.size(), discSeq,
                            pendingDiscontinuity, pdt, pendingPdt != null, range, key, init, line));
                    try {
                        carriedPdt = pdt == null ? null : pdt.plusNanos(pendingDuration);
                    } catch (DateTimeException e) {
                        throw error("EXT-X-PROGRAM-DATE-TIME plus the segment durations leaves the supported years");
                    }
                    pendingDuration = -1;
                    pendingDiscontinuity = false;
                    pendingPdt = null;
                    pendingRange = null;
                    continue;
                }
                int colon = l.indexOf(':');
                String tag = colon < 0 ? l : l.substring(0, colon);
                String value = colon < 0 ? "" : l.substring(colon + 1);
                switch (tag) {
                    case "#EXTINF" -> {
                        int comma = value.indexOf(',');
                        pendingDuration = seconds("EXTINF", comma < 0 ? value : value.substring(0, comma));
                    }
                    case "#EXT-X-TARGETDURATION" -> {
                        targetDuration = decimal("EXT-X-TARGETDURATION", value);
                        if (targetDuration < 1 || targetDuration > 86_400) {
                            throw error("EXT-X-TARGETDURATION " + targetDuration + " is outside 1..86400 s");
                        }
                    }
                    case "#EXT-X-VERSION" -> version = (int) Math.min(Integer.MAX_VALUE,
                            decimal("EXT-X-VERSION", value));
                    case "#EXT-X-MEDIA-SEQUENCE" -> {
                        // Section 4.3.3.2: must appear before the first media segment.
                        if (!segments.isEmpty() || pendingDuration >= 0) {
                            throw error("EXT-X-MEDIA-SEQUENCE after the first segment");
                        }
                        mediaSequence = decimal("EXT-X-MEDIA-SEQUENCE", value);
                        if (mediaSequence > Long.MAX_VALUE - MAX_LINES) {
                            throw error("EXT-X-MEDIA-SEQUENCE " + mediaSequence + " is too large");
                        }
                    }
                    case "#EXT-X-DISCONTINUITY-SEQUENCE" -> {
                        if (!segments.isEmpty() || pendingDuration >= 0) {
                            throw error("EXT-X-DISCONTINUITY-SEQUENCE after the first segment");
                        }
                        discontinuitySequence = decimal("EXT-X-DISCONTINUITY-SEQUENCE", value);
                        if (discontinuitySequence > Long.MAX_VALUE - MAX_LINES) {
                            throw error("EXT-X-DISCONTINUITY-SEQUENCE " + discontinuitySequence + " is too large");
                        }
                    }
                    case "#EXT-X-DISCONTINUITY" -> pendingDiscontinuity = true;
                    case "#EXT-X-ENDLIST" -> endList = true;
                    case "#EXT-X-PLAYLIST-TYPE" -> type = switch (value.strip()) {
                        case "EVENT" -> PlaylistType.EVENT;
                        case "VOD" -> PlaylistType.VOD;
                        default -> throw error("EXT-X-PLAYLIST-TYPE must be EVENT or VOD, got '"
                                + abbreviate(value) + "'");
                    };
                    case "#EXT-X-PROGRAM-DATE-TIME" -> pendingPdt = programDateTime(value);
                    case "#EXT-X-BYTERANGE" -> pendingRange = byteRange("EXT-X-BYTERANGE", value, true);
                    case "#EXT-X-KEY" -> key = key(attributes("EXT-X-KEY", value));
                    case "#EXT-X-MAP" -> init = map(attributes("EXT-X-MAP", value), key);
                    case "#EXT-X-START" -> {
                        String off = enumerated("EXT-X-START", attributes("EXT-X-START", value), "TIME-OFFSET", true);
                        boolean negative = off.startsWith("-");
                        long nanos = seconds("EXT-X-START TIME-OFFSET", negative ? off.substring(1) : off);
                        startOffset = negative ? -nanos : nanos;
                    }
                    default -> {
                        // comments and unknown tags are ignored (section 6.3.1)
                    }
                }
            }
            if (pendingDuration >= 0) {
                throw error("EXTINF at the end of the playlist is not followed by a segment URI");
            }
            if (targetDuration < 0) {
                line = 0;
                throw error("media playlist lacks the required EXT-X-TARGETDURATION (RFC 8216 4.3.3.1)");
            }
            return new MediaPlaylist(base, version, targetDuration * NANOS, mediaSequence, discontinuitySequence, type,
                    endList, segments, startOffset);
        }

        /** Section 4.3.2.6: ISO 8601 date-time with time zone; {@code Z}, {@code +00:00} and {@code +0000} occur. */
        private OffsetDateTime programDateTime(String value) throws PlaylistException {
            String v = value.strip();
            int n = v.length();
            // Accept the basic-format offset (+hhmm) some packagers write by inserting the colon ISO expects.
            if (n > 5 && (v.charAt(n - 5) == '+' || v.charAt(n - 5) == '-')
                    && v.substring(n - 4).chars().allMatch(Character::isDigit) && v.indexOf('T') > 0
                    && v.indexOf('T') < n - 5) {
                v = v.substring(0, n - 2) + ":" + v.substring(n - 2);
            }
            try {
                return OffsetDateTime.parse(v, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            } catch (DateTimeException e) {
                throw error("EXT-X-PROGRAM-DATE-TIME '" + abbreviate(value)
                        + "' is not an ISO 8601 date-time with offset (e.g. 2026-01-02T10:00:00.000+00:00)");
            }
        }

        /** {@code length[@offset]} as {length, offset}, offset -1 when absent. */
        private long[] byteRange(String tag, String value, boolean offsetOptional) throws PlaylistException {
            String v = value.strip();
            int at = v.indexOf('@');
            long length = decimal(tag, at < 0 ? v : v.substring(0, at));
            if (at < 0 && !offsetOptional) {
                throw error(tag + ": a byte range needs an offset");
            }
            long offset = at < 0 ? -1 : decimal(tag, v.substring(at + 1));
            if (length <= 0) {
                throw error(tag + ": byte range length must be positive");
            }
            if (offset > Long.MAX_VALUE - length) {
                throw error(tag + ": byte range overflows");
            }
            return new long[] {length, offset};
        }

        private SegmentKey key(Map<String, String> a) throws PlaylistException {
            String tag = "EXT-X-KEY";
            String method = enumerated(tag, a, "METHOD", true);
            SegmentKey.Method m = switch (method) {
                case "NONE" -> null;
                case "AES-128" -> SegmentKey.Method.AES_128;
                case "SAMPLE-AES", "SAMPLE-AES-CTR" -> SegmentKey.Method.SAMPLE_AES;
                default -> throw error(tag + ": unknown METHOD '" + abbreviate(method) + "'");
            };
            if (m == null) {
                if (a.containsKey("URI") || a.containsKey("IV")) {
                    throw error(tag + ": METHOD=NONE must not have URI or IV (RFC 8216 4.3.2.4)");
                }
                return null;
            }
            String format = quoted(tag, a, "KEYFORMAT", false);
            if (format != null && !format.equals("identity")) {
                throw error(tag + ": KEYFORMAT \"" + abbreviate(format) + "\" is not supported (only identity)");
            }
            URI uri = resolve(quoted(tag, a, "URI", true));
            String iv = enumerated(tag, a, "IV", false);
            byte[] ivBytes = null;
            if (iv != null) {
                if (!(iv.startsWith("0x") || iv.startsWith("0X")) || iv.length() != 34) {
                    throw error(tag + ": IV must be 0x followed by 32 hex digits (128 bits), got '" + abbreviate(iv)
                            + "'");
                }
                try {
                    ivBytes = HexFormat.of().parseHex(iv.substring(2).toLowerCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw error(tag + ": IV is not hexadecimal: '" + abbreviate(iv) + "'");
                }
            }
            return new SegmentKey(m, uri, ivBytes, line);
        }

        private InitSection map(Map<String, String> a, SegmentKey key) throws PlaylistException {
            String tag = "EXT-X-MAP";
            URI uri = resolve(quoted(tag, a, "URI", true));
            String range = quoted(tag, a, "BYTERANGE", false);
            if (range == null) {
                return new InitSection(uri, null, key);
            }
            long[] r = byteRange(tag, range, false);
            return new InitSection(uri, new ByteRange(r[1], r[0]), key);
        }
    }

    public static String abbreviate(String s) {
        String t = s.length() > 60 ? s.substring(0, 57) + "..." : s;
        StringBuilder b = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            b.append(c < 0x20 || c == 0x7F ? '?' : c);
        }
        return b.toString();
    }
}
