package dev.xsight.render;

import dev.xsight.colour.AcesOutput;
import dev.xsight.colour.DisplayPipeline;
import dev.xsight.media.Colorimetry;
import java.util.Locale;

/**
 * The display pipelines offered in the shell's chooser. The ACES presets read the (video) source through its own
 * colorimetry to linear light and convert it to ACES2065-1 with 1.0 = reference white, as
 * {@link DisplayPipeline#compile} defines for {@link DisplayPipeline.Input#VIDEO}, then run the output transform.
 * The Rec.2100 presets place reference white at 203 cd/m² (ITU-R BT.2408), so a PQ or HLG source on its own
 * preset is shown unchanged.
 */
public enum PipelinePreset {
    REC709("rec709", "Rec.709 BT.1886 100 nits"),
    SRGB("srgb", "sRGB"),
    PQ1000("pq1000", "Rec.2100 PQ 1000 nits"),
    HLG1000("hlg1000", "Rec.2100 HLG 1000 nits"),
    ACES13_REC709("aces13-rec709", "ACES 1.3 Rec.709 100 nits"),
    ACES13_SRGB("aces13-srgb", "ACES 1.3 sRGB 100 nits"),
    ACES13_PQ1000("aces13-pq1000", "ACES 1.3 Rec.2100 PQ 1000 nits (P3-D65 limited)"),
    ACES20_REC709("aces20-rec709", "ACES 2.0 Rec.709 100 nits"),
    ACES20_SRGB("aces20-srgb", "ACES 2.0 sRGB 100 nits"),
    ACES20_PQ1000("aces20-pq1000", "ACES 2.0 Rec.2100 PQ 1000 nits (P3-D65 limited)");

    private final String id;
    private final String label;

    PipelinePreset(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** Short name used on the command line and in the saved settings. */
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public DisplayPipeline pipeline() {
        return switch (this) {
            case REC709 -> DisplayPipeline.rec709Bt1886();
            case SRGB -> DisplayPipeline.srgb();
            case PQ1000 -> DisplayPipeline.rec2100Pq1000();
            case HLG1000 -> DisplayPipeline.rec2100Hlg1000();
            case ACES13_REC709 -> aces(AcesOutput.Version.V1_3, AcesOutput.Target.REC709_100);
            case ACES13_SRGB -> aces(AcesOutput.Version.V1_3, AcesOutput.Target.SRGB_100);
            case ACES13_PQ1000 -> aces(AcesOutput.Version.V1_3, AcesOutput.Target.PQ1000_P3D65_LIMITED);
            case ACES20_REC709 -> aces(AcesOutput.Version.V2_0, AcesOutput.Target.REC709_100);
            case ACES20_SRGB -> aces(AcesOutput.Version.V2_0, AcesOutput.Target.SRGB_100);
            case ACES20_PQ1000 -> aces(AcesOutput.Version.V2_0, AcesOutput.Target.PQ1000_P3D65_LIMITED);
        };
    }

    /**
     * The preset a source starts on when nothing was saved for it: the display its signal is made for — PQ 1000
     * for a PQ (ST 2084) signal, HLG 1000 for HLG, Rec.709 BT.1886 for everything else.
     */
    public static PipelinePreset defaultFor(Colorimetry.Transfer signalled) {
        if (signalled == null) {
            return REC709;
        }
        return switch (signalled) {
            case PQ -> PQ1000;
            case HLG -> HLG1000;
            default -> REC709;
        };
    }

    private static DisplayPipeline aces(AcesOutput.Version v, AcesOutput.Target t) {
        return DisplayPipeline.aces(v, t, DisplayPipeline.Input.VIDEO);
    }

    /** The preset named {@code id} (case-insensitive); {@link IllegalArgumentException} listing the names. */
    public static PipelinePreset byId(String id) {
        for (PipelinePreset p : values()) {
            if (p.id.equalsIgnoreCase(id.trim())) {
                return p;
            }
        }
        StringBuilder names = new StringBuilder();
        for (PipelinePreset p : values()) {
            names.append(names.isEmpty() ? "" : ", ").append(p.id);
        }
        throw new IllegalArgumentException("unknown pipeline preset '" + id.toLowerCase(Locale.ROOT)
                + "' (one of " + names + ")");
    }

    @Override
    public String toString() {
        return label;
    }
}
