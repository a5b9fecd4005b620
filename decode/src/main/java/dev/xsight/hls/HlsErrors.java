package dev.xsight.hls;

import dev.xsight.hls.audio.AudioRenditionException;
import dev.xsight.hls.playlist.PlaylistException;
import dev.xsight.media.SourceException;
import java.io.IOException;
import java.net.URI;
import org.bytedeco.javacv.FrameGrabber;

/** What an HLS failure is as a {@link SourceException}: its kind and the playlist, segment or rendition at fault. */
final class HlsErrors {
    private HlsErrors() {
    }

    /**
     * @param recoverable whether the source goes on (a skipped segment, a failed audio rendition) or stopped
     * @param source the presentation's URI, where nothing more precise is known
     */
    static SourceException of(Exception e, boolean recoverable, URI source) {
        if (e instanceof SourceException s) {
            return s;
        }
        if (e instanceof AudioRenditionException a) {
            // The pictures go on without the rendition, whatever stopped it.
            SourceException cause = a.getCause() instanceof Exception c ? of(c, true, a.rendition().uri()) : null;
            return new SourceException(cause == null ? SourceException.Kind.DECODE : cause.kind(),
                    cause == null || cause.location() == null ? String.valueOf(a.rendition().uri()) : cause.location(),
                    true, a.getMessage(), a);
        }
        if (e instanceof PlaylistException p) {
            return new SourceException(p.kind(), p.location(), recoverable, p.getMessage(), p);
        }
        String where = source == null ? null : source.toString();
        if (e instanceof FrameGrabber.Exception) {
            return SourceException.of(SourceException.Kind.DECODE, where, recoverable, e);
        }
        if (e instanceof IOException) {
            boolean local = source != null && "file".equalsIgnoreCase(source.getScheme());
            return SourceException.of(local ? SourceException.Kind.IO : SourceException.Kind.NETWORK, where,
                    recoverable, e);
        }
        return SourceException.of(SourceException.Kind.DECODE, where, recoverable, e);
    }

    /** A run of segments FFmpeg could not demux or decode; the source skips to the next run. */
    static SourceException decodeFailed(URI segment, Exception e) {
        return new SourceException(SourceException.Kind.DECODE, String.valueOf(segment), true,
                "decoding segment " + segment + " failed: " + e.getMessage(), e);
    }
}
