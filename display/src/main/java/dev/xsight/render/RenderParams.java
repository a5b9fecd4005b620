package dev.xsight.render;

import dev.xsight.colour.DisplayPipeline;
import java.util.Objects;

/**
 * How a viewer renders its frames, as one value that can be logged, compared and handed between threads: the display
 * pipeline, the display it targets (carried forward from the pipeline's output step), the signal overlays painted on
 * the preview, and how large the preview picture may be. Immutable; a change makes a new value.
 *
 * @param pipeline what the picture goes through
 * @param target the display the pipeline encodes for ({@link DisplayTarget#of} of its output unless given)
 * @param overlays the signal overlays painted over the preview picture
 * @param size how far the preview decimates
 */
public record RenderParams(DisplayPipeline pipeline, DisplayTarget target, SignalOverlays overlays, SizePolicy size) {

    /**
     * The widest picture the preview renders on each back end; wider frames are decimated by a whole factor (every
     * k-th sample of every plane) until they fit.
     *
     * @param glMaxWidth widest GL picture
     * @param cpuMaxWidth widest CPU-reference picture
     */
    public record SizePolicy(int glMaxWidth, int cpuMaxWidth) {
        /** The shell's preview: 960 wide on GL, 480 on the CPU reference. */
        public static final SizePolicy PREVIEW = new SizePolicy(960, 480);
        /** Full size on both back ends (the reference output and stills). */
        public static final SizePolicy FULL = new SizePolicy(Integer.MAX_VALUE, Integer.MAX_VALUE);

        public SizePolicy {
            if (glMaxWidth < 16 || cpuMaxWidth < 16) {
                throw new IllegalArgumentException("preview width limits " + glMaxWidth + "/" + cpuMaxWidth
                        + " (at least 16)");
            }
        }

        /** The decimation factor for a frame {@code width} wide on GL ({@code gl}) or the CPU. */
        public int factor(int width, boolean gl) {
            int max = gl ? glMaxWidth : cpuMaxWidth;
            return Math.max(1, (int) ((width + (long) max - 1) / max));
        }
    }

    public RenderParams {
        Objects.requireNonNull(pipeline);
        Objects.requireNonNull(target);
        Objects.requireNonNull(overlays);
        Objects.requireNonNull(size);
    }

    /** The preview of {@code pipeline}: its own target, no overlays, preview size. */
    public static RenderParams preview(DisplayPipeline pipeline) {
        return new RenderParams(pipeline, DisplayTarget.of(pipeline.output()), SignalOverlays.NONE,
                SizePolicy.PREVIEW);
    }

    /** The same with {@code p} (and the target of its output). */
    public RenderParams withPipeline(DisplayPipeline p) {
        return new RenderParams(p, DisplayTarget.of(p.output()), overlays, size);
    }

    public RenderParams withOverlays(SignalOverlays o) {
        return new RenderParams(pipeline, target, o, size);
    }

    public RenderParams withSize(SizePolicy s) {
        return new RenderParams(pipeline, target, overlays, s);
    }
}
