package dev.xsight.st2110;

/**
 * What the RTP layer needs to know about a JPEG XS picture segment, without decoding it: the ISO/IEC 21122-3 boxes
 * that may precede SOC, the main header fields that fix the slice layout (ISO/IEC 21122-1 Annex A.4.4, PIH), and where
 * each slice header (SLH, A.4.13) starts.
 */
public final class JxsFraming {
    static final int SOC = 0xFF10;
    static final int EOC = 0xFF11;
    static final int PIH = 0xFF12;
    static final int SLH = 0xFF20;
    private static final int MAX_BOXES = 16;
    private static final int MAX_MARKERS = 64;

    private JxsFraming() {
    }

    /**
     * Main-header facts.
     *
     * @param socOffset offset of SOC (after any boxes)
     * @param firstSliceOffset offset of the first SLH (end of the header segment)
     * @param lcod codestream length from PIH (0 = variable)
     * @param width Wf
     * @param height Hf
     * @param sliceRows luma rows per slice (Hsl x 2^Nly)
     * @param sliceCount slices in the picture
     */
    public record Header(int socOffset, int firstSliceOffset, long lcod, int width, int height, int sliceRows,
            int sliceCount) {
        /** Luma rows [first, end) that slice {@code s} covers. */
        public int sliceFirstRow(int s) {
            return s * sliceRows;
        }

        public int sliceEndRow(int s) {
            return Math.min(height, (s + 1) * sliceRows);
        }
    }

    /** Skips ISO/IEC 21122-3 boxes (e.g. {@code jpvs}, {@code colr}) and returns the offset of SOC. */
    public static int skipBoxes(byte[] b, int off, int len) throws CodestreamFormatException {
        checkRange(b, off, len);
        int pos = off;
        int end = off + len;
        for (int n = 0; n <= MAX_BOXES; n++) {
            if (end - pos >= 2 && u16(b, pos) == SOC) {
                return pos;
            }
            if (end - pos < 8) {
                throw new CodestreamFormatException(pos - off, "no SOC marker (FF10) and no room for a box header");
            }
            long lbox = u32(b, pos);
            int header = 8;
            if (lbox == 1) {
                if (end - pos < 16) {
                    throw new CodestreamFormatException(pos - off, "truncated XLBox");
                }
                lbox = (u32(b, pos + 8) << 32) | u32(b, pos + 12);
                header = 16;
            }
            if (lbox < header || lbox > end - pos) {
                throw new CodestreamFormatException(pos - off, "box length " + lbox + " does not fit the "
                        + (end - pos) + " bytes left (ISO/IEC 21122-3 A.2)");
            }
            pos += (int) lbox;
        }
        throw new CodestreamFormatException(pos - off, "more than " + MAX_BOXES + " boxes before SOC");
    }

    /** Parses the main header of the picture segment in {@code b[off, off+len)}. Offsets are relative to off. */
    public static Header header(byte[] b, int off, int len) throws CodestreamFormatException {
        int soc = skipBoxes(b, off, len);
        int end = off + len;
        int pos = soc + 2;
        long lcod = -1;
        int w = 0;
        int h = 0;
        int rows = 0;
        for (int n = 0; n < MAX_MARKERS; n++) {
            if (pos == end && lcod >= 0) {
                // A header segment (RFC 9134 slice mode) ends exactly where the first SLH would start.
                return new Header(soc - off, pos - off, lcod, w, h, rows, (h + rows - 1) / rows);
            }
            if (end - pos < 4) {
                throw new CodestreamFormatException(pos - off, "main header ends before the first SLH");
            }
            int marker = u16(b, pos);
            if ((marker & 0xFF00) != 0xFF00) {
                throw new CodestreamFormatException(pos - off, "expected a marker, found " + Integer.toHexString(
                        marker));
            }
            if (marker == SLH) {
                if (lcod < 0) {
                    throw new CodestreamFormatException(pos - off, "no PIH marker before the first SLH");
                }
                return new Header(soc - off, pos - off, lcod, w, h, rows, (h + rows - 1) / rows);
            }
            int l = u16(b, pos + 2);
            if (l < 2 || l > end - pos - 2) {
                throw new CodestreamFormatException(pos - off, "marker " + Integer.toHexString(marker) + " length "
                        + l + " runs past the data");
            }
            if (marker == PIH) {
                if (l < 26) {
                    throw new CodestreamFormatException(pos - off, "PIH shorter than 26 bytes");
                }
                int p = pos + 4;
                lcod = u32(b, p);
                w = u16(b, p + 8);
                h = u16(b, p + 10);
                int hsl = u16(b, p + 14);
                int nly = b[p + 22] & 0x0F;
                if (w == 0 || h == 0 || hsl == 0 || nly > 6) {
                    throw new CodestreamFormatException(pos - off, "PIH with Wf=" + w + " Hf=" + h + " Hsl=" + hsl
                            + " Nly=" + nly);
                }
                rows = hsl << nly;
            }
            pos += 2 + l;
        }
        throw new CodestreamFormatException(pos - off, "more than " + MAX_MARKERS + " markers in the main header");
    }

    /**
     * Finds the SLH of every slice: {@code out[s]} gets the offset (relative to off) of slice s, {@code out[count]}
     * the data end (the last slice carries EOC). Candidates must read {@code FF20 0004 <s>} with s the next
     * expected slice index; payload bytes have no emulation prevention, but a false match needs 6 specific bytes in
     * exactly the right order, so the Yslh check makes it practically impossible.
     *
     * @return the slice count found (equal to {@link Header#sliceCount()} for a well-formed codestream)
     */
    public static int sliceOffsets(byte[] b, int off, int len, Header hdr, int[] out)
            throws CodestreamFormatException {
        checkRange(b, off, len);
        if (hdr.firstSliceOffset() < 0 || hdr.firstSliceOffset() > len) {
            throw new CodestreamFormatException(0, "first slice at " + hdr.firstSliceOffset() + " outside the "
                    + len + " bytes given");
        }
        int count = hdr.sliceCount();
        if (out.length < count + 1) {
            throw new IllegalArgumentException("offset array too short for " + count + " slices");
        }
        int end = off + len;
        int pos = off + hdr.firstSliceOffset();
        int s = 0;
        out[0] = hdr.firstSliceOffset();
        while (s < count) {
            int next = -1;
            if (s + 1 < count) {
                for (int q = pos + 6; q + 6 <= end; q++) {
                    if (b[q] == (byte) 0xFF && b[q + 1] == 0x20 && b[q + 2] == 0 && b[q + 3] == 4
                            && u16(b, q + 4) == s + 1) {
                        next = q;
                        break;
                    }
                }
                if (next < 0) {
                    throw new CodestreamFormatException(pos - off, "slice " + (s + 1) + " of " + count
                            + " has no SLH");
                }
            } else {
                // The last slice unit carries everything to the end, EOC included.
                next = end;
            }
            out[++s] = next - off;
            pos = next;
        }
        return count;
    }

    /** A range outside the array is a typed error at offset 0, never an index exception. */
    private static void checkRange(byte[] b, int off, int len) throws CodestreamFormatException {
        if (b == null || off < 0 || len < 0 || off > b.length - len) {
            throw new CodestreamFormatException(0, "range " + off + "+" + len + " outside a buffer of "
                    + (b == null ? "no" : String.valueOf(b.length)) + " bytes");
        }
    }

    /**
     * The slice index (ISO/IEC 21122-1 A.4.13 Yslh) of the slice header at {@code at}, or -1 when the {@code len}
     * bytes there do not start with an SLH.
     */
    public static int sliceHeaderIndex(byte[] b, int at, int len) {
        return len >= 6 && u16(b, at) == SLH ? u16(b, at + 4) : -1;
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | b[at + 1] & 0xFF;
    }

    static long u32(byte[] b, int at) {
        return ((long) (b[at] & 0xFF) << 24) | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | b[at + 3] & 0xFF;
    }
}
