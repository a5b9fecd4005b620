package dev.xsight.hls.fetch;

import dev.xsight.hls.playlist.ByteRange;
import dev.xsight.hls.playlist.InitSection;
import dev.xsight.hls.playlist.MediaPlaylist;
import dev.xsight.hls.playlist.MediaSegment;
import dev.xsight.hls.playlist.Playlist;
import dev.xsight.hls.playlist.PlaylistException;
import dev.xsight.hls.playlist.PlaylistParser;
import dev.xsight.hls.playlist.SegmentKey;
import dev.xsight.hls.playlist.UriPolicy;
import dev.xsight.media.SourceException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Fetches playlists, keys, init sections and segments under the client's rules: only URIs the {@link UriPolicy}
 * allows, at most {@link #MAX_REDIRECTS} redirects (followed here, so each hop is checked and counted), size limits
 * checked while reading (never allocating what a server claims), 16-byte keys, AES-128-CBC decryption
 * (RFC 8216 4.3.2.4 and 5.2).
 *
 * <p>Thread-safe: the loader thread and a throughput probe may call it concurrently.
 */
public final class HlsFetcher implements AutoCloseable {
    /** Redirects followed before giving up. */
    public static final int MAX_REDIRECTS = 5;
    /** Largest segment or init section accepted. */
    public static final long MAX_SEGMENT_BYTES = 256L * 1024 * 1024;

    private final UriPolicy policy;
    private final Duration timeout;
    private final HttpClient http;
    private final Map<URI, byte[]> keys = new ConcurrentHashMap<>();

    /** A fetched body and how long it took (for throughput estimates). */
    public record Fetched(URI uri, byte[] body, long nanos) {
    }

    public HlsFetcher(UriPolicy policy, Duration timeout) {
        this.policy = policy;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    public UriPolicy policy() {
        return policy;
    }

    /** Loads and parses any playlist (what the person opened). */
    public Playlist playlist(URI uri) throws IOException, InterruptedException {
        Fetched f = fetch(uri, null, PlaylistParser.MAX_BYTES, "playlist");
        return PlaylistParser.parse(f.uri(), f.body(), policy);
    }

    /**
     * Loads a media playlist named by a master playlist. RFC 8216 allows only master to media nesting: a master
     * playlist here is refused.
     */
    public MediaPlaylist mediaPlaylist(URI uri) throws IOException, InterruptedException {
        Playlist p = playlist(uri);
        if (p instanceof MediaPlaylist m) {
            return m;
        }
        throw new PlaylistException(uri, 0, "a master playlist names another master playlist; only master -> media "
                + "nesting is allowed");
    }

    /** The 16-byte key for {@code key}, fetched once per URI. */
    public byte[] key(SegmentKey key) throws IOException, InterruptedException {
        byte[] cached = keys.get(key.uri());
        if (cached != null) {
            return cached;
        }
        Fetched f = fetch(key.uri(), null, 16, "key");
        if (f.body().length != 16) {
            throw new PlaylistException(key.uri(), 0, "AES-128 key is " + f.body().length
                    + " bytes; keys must be exactly 16 bytes (EXT-X-KEY on playlist line " + key.line() + ")");
        }
        keys.put(key.uri(), f.body());
        return f.body();
    }

    /** The segment's bytes, decrypted when a key is in force. */
    public Fetched segment(MediaSegment s) throws IOException, InterruptedException {
        Fetched f = fetch(s.uri(), s.range(), MAX_SEGMENT_BYTES, "segment");
        if (s.key() == null) {
            return f;
        }
        return new Fetched(f.uri(), decrypt(s.key(), s.key().ivFor(s.sequence()), f), f.nanos());
    }

    /** The init section's bytes, decrypted when encrypted (its IV must then be explicit, RFC 8216 4.3.2.5). */
    public byte[] init(InitSection init) throws IOException, InterruptedException {
        Fetched f = fetch(init.uri(), init.range(), MAX_SEGMENT_BYTES, "init section");
        if (init.key() == null) {
            return f.body();
        }
        if (init.key().iv() == null) {
            throw new PlaylistException(init.uri(), 0, "encrypted EXT-X-MAP needs an explicit IV (RFC 8216 4.3.2.5)");
        }
        return decrypt(init.key(), init.key().iv(), f);
    }

    private byte[] decrypt(SegmentKey key, byte[] iv, Fetched f) throws IOException, InterruptedException {
        if (key.method() != SegmentKey.Method.AES_128) {
            throw new PlaylistException(SourceException.Kind.CONFIG, f.uri(), 0, "SAMPLE-AES encryption is not "
                    + "supported (EXT-X-KEY on playlist line " + key.line() + "); only METHOD=AES-128 is", null);
        }
        byte[] k = key(key);
        if (f.body().length % 16 != 0) {
            throw new PlaylistException(f.uri(), 0, "encrypted resource is " + f.body().length
                    + " bytes, not a whole number of 16-byte AES blocks");
        }
        try {
            // RFC 8216 4.3.2.4: AES-128 in CBC mode with PKCS7 padding (PKCS5 in JCA naming).
            Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(k, "AES"), new IvParameterSpec(iv));
            return c.doFinal(f.body());
        } catch (java.security.GeneralSecurityException e) {
            throw new PlaylistException(f.uri(), 0, "AES-128 decryption failed (wrong key or IV? key from "
                    + key.uri() + "): " + e.getMessage(), e);
        }
    }

    /**
     * Fetches a resource (or a byte range of it) of at most {@code maxBytes}.
     *
     * @throws PlaylistException for refused URIs, HTTP errors, redirect loops, oversized bodies
     */
    public Fetched fetch(URI uri, ByteRange range, long maxBytes, String what)
            throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        URI current = uri;
        for (int hop = 0; ; hop++) {
            String refusal = policy.refusal(current);
            if (refusal != null) {
                throw new PlaylistException(SourceException.Kind.CONFIG, current, 0, refusal, null);
            }
            if ("file".equalsIgnoreCase(current.getScheme())) {
                return new Fetched(current, readFile(current, range, maxBytes, what), System.nanoTime() - t0);
            }
            HttpRequest.Builder rb = HttpRequest.newBuilder(current).timeout(timeout).GET();
            if (range != null) {
                rb.header("Range", "bytes=" + range.offset() + "-" + (range.offset() + range.length() - 1));
            }
            HttpResponse<InputStream> r;
            try {
                r = http.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (java.net.http.HttpTimeoutException e) {
                throw new PlaylistException(SourceException.Kind.NETWORK, current, 0,
                        what + " fetch timed out after " + timeout.toMillis() + " ms", e);
            } catch (java.net.ConnectException e) {
                throw new PlaylistException(SourceException.Kind.NETWORK, current, 0,
                        "cannot connect to fetch the " + what, e);
            }
            int status = r.statusCode();
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                r.body().close();
                String location = r.headers().firstValue("Location").orElse(null);
                if (location == null) {
                    throw new PlaylistException(SourceException.Kind.NETWORK, current, 0,
                            "HTTP " + status + " redirect without a Location", null);
                }
                if (hop + 1 > MAX_REDIRECTS) {
                    throw new PlaylistException(SourceException.Kind.NETWORK, uri, 0, "more than " + MAX_REDIRECTS
                            + " redirects (redirect loop?) fetching the " + what + "; last Location: "
                            + PlaylistParser.abbreviate(location), null);
                }
                try {
                    current = current.resolve(new URI(location));
                } catch (java.net.URISyntaxException e) {
                    throw new PlaylistException(SourceException.Kind.NETWORK, current, 0, "bad redirect Location '"
                            + PlaylistParser.abbreviate(location) + "'", null);
                }
                continue;
            }
            try (InputStream in = r.body()) {
                if (status / 100 != 2) {
                    throw new PlaylistException(SourceException.Kind.NETWORK, current, 0,
                            "HTTP " + status + " fetching the " + what, null);
                }
                byte[] body = readCapped(in, maxBytes, current, what);
                if (range != null && status == 200) {
                    body = slice(body, range, current, what); // server ignored Range: take the part ourselves
                }
                return new Fetched(current, body, System.nanoTime() - t0);
            }
        }
    }

    private static byte[] readCapped(InputStream in, long maxBytes, URI uri, String what) throws IOException {
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, maxBytes + 1));
        if (body.length > maxBytes) {
            throw new PlaylistException(uri, 0, what + " is larger than the " + maxBytes + "-byte limit");
        }
        return body;
    }

    private static byte[] slice(byte[] body, ByteRange range, URI uri, String what) throws PlaylistException {
        if (range.offset() + range.length() > body.length) {
            throw new PlaylistException(uri, 0, what + " byte range " + range.length() + "@" + range.offset()
                    + " is beyond its " + body.length + " bytes");
        }
        return Arrays.copyOfRange(body, (int) range.offset(), (int) (range.offset() + range.length()));
    }

    private static byte[] readFile(URI uri, ByteRange range, long maxBytes, String what) throws IOException {
        Path p = Path.of(uri);
        try (InputStream in = Files.newInputStream(p)) {
            if (range != null) {
                in.skipNBytes(range.offset());
                if (range.length() > maxBytes) {
                    throw new PlaylistException(uri, 0, what + " is larger than the " + maxBytes + "-byte limit");
                }
                byte[] b = in.readNBytes((int) range.length());
                if (b.length < range.length()) {
                    throw new PlaylistException(uri, 0, what + " byte range is beyond the end of the file");
                }
                return b;
            }
            return readCapped(in, maxBytes, uri, what);
        } catch (NoSuchFileException e) {
            throw new PlaylistException(SourceException.Kind.IO, uri, 0, what + " file not found", null);
        } catch (java.io.EOFException e) {
            throw new PlaylistException(uri, 0, what + " byte range is beyond the end of the file");
        }
    }

    @Override
    public void close() {
        http.shutdownNow(); // abandon requests in flight: closing a source must not wait for a slow server
    }
}
