package dev.xsight.review;

import java.util.Arrays;

/** A PNG still of the frame a note was written on. Immutable: the bytes are copied in and out. */
public final class FrameGrab {
    /** The largest grab kept with a note (a 4K 16-bit PNG is well under this). */
    public static final int MAX_BYTES = 64 << 20;
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

    private final byte[] png;

    private FrameGrab(byte[] png) {
        this.png = png;
    }

    /**
     * Wraps PNG bytes after checking the signature (PNG spec 5.2) and size.
     *
     * @throws IllegalArgumentException when the bytes are not a PNG or too large
     */
    public static FrameGrab ofPng(byte[] png) {
        if (png.length > MAX_BYTES) {
            throw new IllegalArgumentException("frame grab of " + png.length + " bytes exceeds " + MAX_BYTES);
        }
        if (png.length < PNG_SIGNATURE.length
                || !Arrays.equals(png, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, PNG_SIGNATURE.length)) {
            throw new IllegalArgumentException("frame grab is not a PNG (bad signature)");
        }
        return new FrameGrab(png.clone());
    }

    /** A copy of the PNG bytes. */
    public byte[] png() {
        return png.clone();
    }

    public int size() {
        return png.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FrameGrab g && Arrays.equals(png, g.png);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(png);
    }

    @Override
    public String toString() {
        return "FrameGrab[" + png.length + " bytes]";
    }
}
