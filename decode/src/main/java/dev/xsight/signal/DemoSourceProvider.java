package dev.xsight.signal;

import dev.xsight.media.FrameSource;
import dev.xsight.media.SourceProvider;

/** Offers the built-in test signal (59.94 fps drop-frame from 01:00:00;00) in the shell's source list. */
public final class DemoSourceProvider implements SourceProvider {
    private final DemoSource.Settings settings;

    /** The default demo, as {@link java.util.ServiceLoader} creates it. */
    public DemoSourceProvider() {
        this(DemoSource.Settings.defaults());
    }

    public DemoSourceProvider(DemoSource.Settings settings) {
        this.settings = settings;
    }

    @Override
    public String kind() {
        return "demo";
    }

    @Override
    public String label() {
        return "Demo test signal (1080p" + settings.rate().label() + ")";
    }

    @Override
    public Input input() {
        return Input.NONE;
    }

    @Override
    public FrameSource open(String location) {
        return new DemoSource(settings);
    }
}
