package dev.xsight.hls;

import dev.xsight.media.Colorimetry;
import dev.xsight.media.Colorimetry.ChromaSiting;
import dev.xsight.media.Colorimetry.Matrix;
import dev.xsight.media.Colorimetry.Primaries;
import dev.xsight.media.Colorimetry.Range;
import dev.xsight.media.Colorimetry.Transfer;
import dev.xsight.media.Frame;
import dev.xsight.media.FramePool;
import dev.xsight.media.PixelFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;

/**
 * Copies a decoded FFmpeg picture, in its native planar format (e.g. {@code yuv420p10le}), into a pooled
 * {@link Frame} without any conversion: 8-bit samples widen to 16-bit containers, deeper samples are copied as they
 * are. Colorimetry comes from the bitstream's VUI as FFmpeg reports it (ITU-T H.273 code points).
 *
 * <p>Not thread-safe: owned by the decode thread (HLS's {@code hls-decode}, or the thread that reads a media file
 * for QC).
 */
public final class PictureConverter {
    private FramePool pool;
    private byte[] row = new byte[0];
    private String formatName;
    private PixelFormat format;
    private int formatId = Integer.MIN_VALUE;

    /** A frame holding {@code picture}'s samples and colorimetry. */
    public Frame convert(AVFrame picture) {
        PixelFormat fmt = format(picture.format());
        int w = picture.width();
        int h = picture.height();
        if (pool == null || !pool.matches(fmt, w, h)) {
            pool = new FramePool(fmt, w, h, 8);
        }
        Frame f = pool.acquire();
        for (int p = 0; p < fmt.planeCount(); p++) {
            copyPlane(picture, p, f, fmt);
        }
        f.colorimetry(colorimetry(picture, formatName));
        return f;
    }

    /** The format of the last picture converted, or null before the first. */
    public PixelFormat lastFormat() {
        return format;
    }

    private PixelFormat format(int id) {
        if (id == formatId) {
            return format;
        }
        BytePointer name = avutil.av_get_pix_fmt_name(id);
        String n = name == null ? "unknown(" + id + ")" : name.getString();
        // yuvj* is FFmpeg's (deprecated) spelling of full-range YCbCr: same layout, range carried by colorimetry.
        String layout = n.startsWith("yuvj") ? "yuv" + n.substring(4) : n;
        try {
            format = PixelFormat.parseFfmpegName(layout);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("decoder produced pixel format " + n
                    + ", which Xsight does not carry (planar YCbCr/RGB 8-16 bit only)");
        }
        formatName = n;
        formatId = id;
        return format;
    }

    private void copyPlane(AVFrame picture, int p, Frame f, PixelFormat fmt) {
        int w = f.planeWidth(p);
        int h = f.planeHeight(p);
        int stride = picture.linesize(p);
        if (stride < 0) {
            throw new IllegalStateException("negative line size from the decoder");
        }
        int bps = fmt.bytesPerSample();
        ByteBuffer bb = picture.data(p).capacity((long) stride * (h - 1) + (long) w * bps).asByteBuffer();
        short[] dst = f.plane(p);
        if (bps == 2) {
            ShortBuffer sb = bb.order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
            int strideShorts = stride / 2;
            for (int y = 0; y < h; y++) {
                sb.get(y * strideShorts, dst, y * w, w);
            }
            return;
        }
        if (row.length < w) {
            row = new byte[w];
        }
        for (int y = 0; y < h; y++) {
            bb.get(y * stride, row, 0, w);
            int base = y * w;
            for (int x = 0; x < w; x++) {
                dst[base + x] = (short) (row[x] & 0xFF);
            }
        }
    }

    /** ITU-T H.273 / FFmpeg AVColor* code points to our colorimetry; unknown values stay UNSPECIFIED. */
    static Colorimetry colorimetry(AVFrame picture, String pixFmt) {
        return colorimetry(picture.color_primaries(), picture.color_trc(), picture.colorspace(),
                picture.color_range(), picture.chroma_location(), pixFmt);
    }

    static Colorimetry colorimetry(int primaries, int trc, int space, int range, int chromaLoc, String pixFmt) {
        Primaries pr = switch (primaries) {
            case 1 -> Primaries.BT709;
            case 5 -> Primaries.BT601_625;
            case 6, 7 -> Primaries.BT601_525;
            case 9 -> Primaries.BT2020;
            case 11 -> Primaries.DCI_P3;
            case 12 -> Primaries.P3_D65;
            default -> Primaries.UNSPECIFIED;
        };
        Transfer tr = switch (trc) {
            case 1, 6, 14, 15 -> Transfer.BT1886; // BT.709 / SMPTE 170M / BT.2020 10 and 12-bit: display via BT.1886
            case 8 -> Transfer.LINEAR;
            case 13 -> Transfer.SRGB;
            case 16 -> Transfer.PQ;
            case 18 -> Transfer.HLG;
            default -> Transfer.UNSPECIFIED;
        };
        Matrix mx = switch (space) {
            case 0 -> Matrix.IDENTITY;
            case 1 -> Matrix.BT709;
            case 5, 6 -> Matrix.BT601;
            case 9 -> Matrix.BT2020_NCL;
            default -> pixFmt != null && pixFmt.startsWith("gbr") ? Matrix.IDENTITY : Matrix.UNSPECIFIED;
        };
        boolean full = range == 2 || (pixFmt != null && (pixFmt.startsWith("yuvj") || pixFmt.startsWith("gbr")));
        ChromaSiting siting = switch (chromaLoc) {
            case 1 -> ChromaSiting.LEFT;
            case 2 -> ChromaSiting.CENTER;
            case 3 -> ChromaSiting.TOP_LEFT;
            default -> ChromaSiting.UNSPECIFIED;
        };
        return new Colorimetry(pr, tr, mx, full ? Range.FULL : Range.NARROW, siting);
    }
}
