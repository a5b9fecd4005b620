package dev.xsight.st2110.receive;

import dev.xsight.st2110.JxsFraming;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * A picture sink for tests that hands on each picture whole: a copy of the codestream (codestream mode), or the
 * concatenation of main header and delivered slices with the slice map (slice mode). Called on the depacketizer's
 * thread, like any sink; what a subclass does with a picture decides what other threads may see.
 */
abstract class ReassemblingSink implements Depacketizer.PictureSink {
    private ByteArrayOutputStream building = new ByteArrayOutputStream();

    /** One picture: its bytes, and which slices arrived ({@code null} in codestream mode). */
    abstract void reassembled(long rtpTimestamp, byte[] picture, boolean[] delivered);

    @Override
    public void picture(PictureBuffer buf) {
        reassembled(buf.rtpTimestamp(), Arrays.copyOf(buf.data(), buf.length()), null);
        buf.release();
    }

    @Override
    public void header(PictureBuffer buf, JxsFraming.Header header) {
        building = new ByteArrayOutputStream();
        building.write(buf.data(), 0, header.firstSliceOffset());
    }

    @Override
    public void slice(PictureBuffer buf, int slice, int off, int len) {
        building.write(buf.data(), off, len);
    }

    @Override
    public void end(PictureBuffer buf, boolean[] delivered, int sliceCount) {
        reassembled(buf.rtpTimestamp(), building.toByteArray(), Arrays.copyOf(delivered, sliceCount));
        buf.release();
    }
}
