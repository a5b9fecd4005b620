package dev.xsight.st2110.receive;

import dev.xsight.media.FrameSource;
import dev.xsight.media.SourceProvider;
import java.io.IOException;
import java.nio.file.Path;

/** Offers ST 2110-22 streams (from an SDP file) in the shell's source list. */
public final class St2110SourceProvider implements SourceProvider {
    @Override
    public String kind() {
        return "st2110";
    }

    @Override
    public String label() {
        return "Open ST 2110-22 SDP file…";
    }

    @Override
    public Input input() {
        return Input.FILE;
    }

    @Override
    public FrameSource open(String location) throws IOException {
        return St2110Source.open(Path.of(location), St2110Receiver.Options.defaults(), 0);
    }
}
