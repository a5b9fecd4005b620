package dev.xsight.jpegxs;

/**
 * Finds slice boundaries in a whole codestream by walking slice headers and precinct lengths (Lprc), without
 * decoding, and the EOC marker that ends it. Needed for variable bit rate streams (Lcod 0), and to hand slices to
 * workers. Raw-mode data may contain any byte pair, so it never scans for markers.
 */
final class SliceScanner {
    private SliceScanner() {
    }

    /**
     * Fills {@code starts[s]} with the array index of slice s's SLH and {@code starts[sliceCount]} with the index
     * of EOC.
     *
     * @return array index just after EOC
     */
    static int scan(Layout layout, byte[] b, int origin, int from, int end, int[] starts) throws JpegXsFormatException {
        int modeBytes = (2 * layout.nBands + 7) >> 3;
        int hsl = layout.info.sliceHeightPrecincts();
        int p = from;
        int n = layout.info.sliceCount();
        for (int s = 0; s < n; s++) {
            if (end - p < 6) {
                throw new JpegXsFormatException("SLH", p - origin, "codestream ends before slice " + s + " of " + n);
            }
            int code = (b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF);
            if (code != Marker.SLH) {
                throw new JpegXsFormatException("SLH", p - origin, String.format(
                        "expected SLH for slice %d of %d, found 0x%04X", s, n, code));
            }
            starts[s] = p;
            p += 6;
            int rows = Math.min(hsl, layout.precinctRows - s * hsl);
            for (int i = 0, count = rows * layout.columns; i < count; i++) {
                if (end - p < 5 + modeBytes) {
                    throw new JpegXsFormatException("precinct", p - origin, "codestream ends inside slice " + s);
                }
                int lprc = (b[p] & 0xFF) << 16 | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF);
                p += 5 + modeBytes;
                if (lprc > end - p) {
                    throw new JpegXsFormatException("precinct", p - origin, "Lprc " + lprc
                            + " runs past the end of the codestream in slice " + s);
                }
                p += lprc;
            }
        }
        if (end - p < 2 || ((b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF)) != Marker.EOC) {
            throw new JpegXsFormatException("EOC", p - origin, "no EOC marker after the last slice");
        }
        starts[n] = p;
        return p + 2;
    }
}
