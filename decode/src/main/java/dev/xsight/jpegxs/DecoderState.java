package dev.xsight.jpegxs;

import dev.xsight.media.Frame;
import dev.xsight.media.PixelFormat;

/**
 * Everything a decoder keeps for one codestream layout: the parsed header (and its bytes, to recognise the next
 * frame's identical header without parsing), coefficient store, per-component transforms, output stage and one
 * precinct decoder per worker. Built once per layout, reused for every frame.
 */
final class DecoderState {
    /** Working memory a decoder may allocate for one layout. */
    static final long MAX_WORKING_BYTES = 1L << 31;

    final byte[] header;
    final CodestreamInfo info;
    final Layout layout;
    final PixelFormat format;
    final CoefficientStore store;
    final ComponentTransform[] transforms;
    /** One output stage per component: components are synthesised and written concurrently. */
    final OutputStage[] outputs;
    final PrecinctDecoder[] decoders;
    final int[] sliceStarts;
    /** The decoder's stack of idle precinct decoders while this state is current (all of them between frames). */
    final PrecinctDecoder[] idle;
    /** Working memory this state holds (checked against the limit before allocating), its lanes included. */
    long workingBytes;
    /** Lanes of whole-picture decodes on several threads, built on first use ({@link #lanes}); null before. */
    private Lane[] lanes;
    /** Slice runs of the lanes in the current frame: lane l decodes slices {@code laneBounds[l]..[l + 1]}. */
    int[] laneBounds;
    private final boolean simd;

    DecoderState(byte[] b, int off, CodestreamInfo info, int workers, boolean simd) throws JpegXsFormatException {
        this.info = info;
        this.simd = simd;
        this.format = info.pixelFormat();
        if ((long) info.width() * info.height() > Frame.MAX_SAMPLES_PER_PLANE) {
            throw new JpegXsFormatException("PIH", 0, "picture " + info.width() + "x" + info.height()
                    + " exceeds the decoder limit of " + Frame.MAX_SAMPLES_PER_PLANE + " samples per plane");
        }
        if (info.cpih() == 3) {
            throw new JpegXsFormatException("PIH", 0, "Star-Tetrix colour transform (Cpih 3) not supported");
        }
        this.layout = Layout.of(info);
        long bytes = bytesFor(layout, workers, layout.nc);
        long limit = limit();
        if (bytes > limit) {
            throw new JpegXsFormatException("PIH", 0, "decoding " + info.width() + "x" + info.height() + " with "
                    + info.components() + " components needs " + (bytes >> 20) + " MiB, more than the "
                    + (limit >> 20) + " MiB allowed");
        }
        this.workingBytes = bytes;
        this.header = java.util.Arrays.copyOfRange(b, off, off + info.headerBytes());
        this.store = new CoefficientStore(layout, workers);
        this.transforms = new ComponentTransform[layout.nc];
        for (int c = 0; c < layout.nc; c++) {
            transforms[c] = new ComponentTransform(layout.comps[c], store.coef[c], simd);
        }
        this.outputs = new OutputStage[layout.nc];
        for (int c = 0; c < layout.nc; c++) {
            outputs[c] = new OutputStage(layout, simd);
        }
        this.decoders = new PrecinctDecoder[workers];
        for (int i = 0; i < workers; i++) {
            decoders[i] = new PrecinctDecoder(layout, store);
        }
        this.sliceStarts = new int[info.sliceCount() + 1];
        this.idle = decoders.clone();
    }

    /**
     * Bytes a decode holds with a coefficient store for {@code decoders} precinct decoders, one transform per
     * component and {@code outputs} output stages: the store, the transforms, the output stages' row buffers (seven
     * rows each) and the precinct decoders' per-slot state. A state has one output stage per component, a lane one.
     */
    private static long bytesFor(Layout layout, int decoders, int outputs) {
        long bytes = CoefficientStore.bytesFor(layout, decoders);
        int maxW = 0;
        for (Layout.Comp k : layout.comps) {
            bytes += ComponentTransform.bytesFor(k);
            maxW = Math.max(maxW, k.width);
        }
        return bytes + outputs * 7L * 4 * (maxW + 1) + decoders * 64L * layout.slots;
    }

    private static long limit() {
        return Math.min(MAX_WORKING_BYTES, Runtime.getRuntime().maxMemory() / 2);
    }

    /**
     * The lanes of a whole-picture decode on {@code count} threads, built on the first call (a decoder that only
     * streams slices never pays for them) and counted into {@link #workingBytes}: as many as the memory limit
     * allows, so possibly fewer than {@code count} (then the caller decodes another way when fewer than two).
     */
    Lane[] lanes(int count) {
        if (lanes == null) {
            // A lane: its own store for one decoder, transforms and one output stage.
            long each = bytesFor(layout, 1, 1);
            int fit = (int) Math.max(0, Math.min(count, (limit() - workingBytes) / each));
            lanes = new Lane[fit];
            for (int l = 0; l < fit; l++) {
                lanes[l] = new Lane(layout, simd);
            }
            laneBounds = new int[fit + 1];
            workingBytes += fit * each;
        }
        return lanes;
    }

    /** True when {@code b[off..]} starts with exactly this state's main header. */
    boolean sameHeader(byte[] b, int off, int len) {
        int n = header.length;
        if (len < n || !java.util.Arrays.equals(b, off, off + n, header, 0, n)) {
            return false;
        }
        return len == n || (len >= n + 2 && (b[off + n] & 0xFF) == 0xFF && (b[off + n + 1] & 0xFF) == 0x20);
    }
}
