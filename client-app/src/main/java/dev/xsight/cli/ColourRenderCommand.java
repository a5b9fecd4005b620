package dev.xsight.cli;

import dev.xsight.colour.ColourProgram;
import dev.xsight.colour.DisplayPipeline;
import dev.xsight.colour.FrameColour;
import dev.xsight.colour.io.DisplayPipelineJson;
import dev.xsight.gl.GlContext;
import dev.xsight.gl.GlFrameRenderer;
import dev.xsight.image.DisplayImage;
import dev.xsight.media.Colorimetry;
import dev.xsight.media.Frame;
import dev.xsight.media.FrameRate;
import dev.xsight.media.PixelFormat;
import dev.xsight.media.Timecode;
import dev.xsight.overlay.BurntInTimecode;
import dev.xsight.overlay.FalseColour;
import dev.xsight.overlay.FramingDecisions;
import dev.xsight.overlay.SafeAreas;
import dev.xsight.overlay.SignalWarnings;
import dev.xsight.overlay.Zebras;
import dev.xsight.scope.ScopeImages;
import dev.xsight.scope.Scopes;
import java.awt.Point;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xsight colour render}: a raw planar frame through a display pipeline to PNG (8-bit) or TIFF (16-bit). */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Render a raw planar frame (FFmpeg layout, e.g. yuv422p10le) through a pipeline to a still.")
final class ColourRenderCommand implements Callable<Integer> {
    @Option(names = "--pipeline", description = "Pipeline JSON (see docs/cli/colour.md); default Rec.709 BT.1886.")
    Path pipeline;

    @Option(names = "--in", required = true, description = "Raw frame file.")
    Path in;

    @Option(names = "--width", required = true)
    int width;

    @Option(names = "--height", required = true)
    int height;

    @Option(names = "--format", required = true, description = "FFmpeg pixel format, e.g. yuv422p10le, yuv420p.")
    String format;

    @Option(names = "--out", required = true, description = "OUT.png (8-bit) or OUT.tif/.tiff (16-bit).")
    Path out;

    @Option(names = "--gpu", description = "Render with OpenGL (10-bit framebuffer) instead of the CPU reference.")
    boolean gpu;

    @Option(names = "--overlay", split = ",", description = "Overlays burnt into the still: timecode, safe, zebra, "
            + "falsecolour, warnings (out-of-range/out-of-gamut), fdl=FILE.")
    List<String> overlays = List.of();

    @Option(names = "--scopes", description = "Also write PREFIX-waveform.png, PREFIX-parade.png, PREFIX-vectorscope.png.")
    Path scopes;

    @Override
    public Integer call() throws IOException {
        PixelFormat pf = PixelFormat.parseFfmpegName(format);
        Frame.checkSize(pf, width, height);
        long need = pf.rawFrameBytes(width, height);
        if (Files.size(in) < need) {
            throw new IllegalArgumentException(in + " holds " + Files.size(in) + " bytes, one " + format + " frame of "
                    + width + "x" + height + " needs " + need);
        }
        Frame f = Frame.allocate(pf, width, height).colorimetry(Colorimetry.BT709);
        try (InputStream s = new BufferedInputStream(Files.newInputStream(in))) {
            f.readRaw(s);
        }
        DisplayPipeline p = pipeline == null ? DisplayPipeline.rec709Bt1886() : DisplayPipelineJson.read(pipeline);
        ColourProgram program = p.compile(pf, f.colorimetry());
        double[] rgb;
        if (gpu) {
            try (GlContext ctx = GlContext.offscreen(); GlFrameRenderer r = new GlFrameRenderer(program)) {
                r.upload(f);
                r.render();
                int[] codes = r.readCodes(null);
                rgb = new double[codes.length];
                for (int i = 0; i < codes.length; i++) {
                    rgb[i] = codes[i] / 1023.0;
                }
            }
        } else {
            rgb = FrameColour.render(f, program);
        }
        if (!overlays.isEmpty() || scopes != null) {
            DisplayImage img = DisplayImage.fromNormalised(width, height, rgb);
            if (scopes != null) {
                Scopes sc = new Scopes(Math.min(width, 960), 512, f.colorimetry().matrix() == Colorimetry.Matrix.BT2020_NCL);
                sc.compute(img);
                String prefix = scopes.toString();
                writeImage(ScopeImages.waveform(sc, 512), Path.of(prefix + "-waveform.png"));
                writeImage(ScopeImages.parade(sc, 512), Path.of(prefix + "-parade.png"));
                writeImage(ScopeImages.vectorscope(sc), Path.of(prefix + "-vectorscope.png"));
            }
            for (String o : overlays) {
                String key = o.strip().toLowerCase(Locale.ROOT);
                if (key.equals("timecode")) {
                    BurntInTimecode.draw(img, f.timecode() != null ? f.timecode()
                            : Timecode.parse("00:00:00:00", FrameRate.parse("25")));
                } else if (key.equals("safe")) {
                    SafeAreas.draw(img, new int[] {940, 940, 940});
                } else if (key.equals("zebra")) {
                    Zebras.apply(img, 95, 0, false);
                } else if (key.equals("falsecolour") || key.equals("falsecolor")) {
                    double[] luma = new double[width * height];
                    double s = Math.pow(2, 10 - pf.bitDepth());
                    for (int i = 0; i < luma.length; i++) {
                        luma[i] = (f.plane(0)[i] & 0xFFFF) * s;
                    }
                    FalseColour.apply(img, luma);
                } else if (key.equals("warnings")) {
                    SignalWarnings.highlight(img, SignalWarnings.classify(f, 0.005));
                } else if (key.startsWith("fdl=")) {
                    FramingDecisions.read(Path.of(o.strip().substring(4)), null).draw(img);
                } else {
                    throw new IllegalArgumentException("unknown overlay '" + o + "'");
                }
            }
            int[] c = img.codes();
            for (int i = 0; i < c.length; i++) {
                rgb[i] = c[i] / 1023.0;
            }
        }
        write(rgb, width, height, out);
        return 0;
    }

    private static void writeImage(DisplayImage img, Path p) throws IOException {
        int[] c = img.codes();
        double[] d = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            d[i] = c[i] / 1023.0;
        }
        write(d, img.width(), img.height(), p);
    }

    static void write(double[] rgb, int w, int h, Path out) throws IOException {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean tiff = name.endsWith(".tif") || name.endsWith(".tiff");
        if (!tiff && !name.endsWith(".png")) {
            throw new IllegalArgumentException("output must end in .png, .tif or .tiff: " + out);
        }
        BufferedImage img;
        if (tiff) {
            ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                    Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
            WritableRaster r = Raster.createInterleavedRaster(DataBuffer.TYPE_USHORT, w, h, 3, new Point());
            int[] px = new int[3];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int k = 0; k < 3; k++) {
                        px[k] = (int) Math.round(clamp(rgb[(y * w + x) * 3 + k]) * 65535);
                    }
                    r.setPixel(x, y, px);
                }
            }
            img = new BufferedImage(cm, r, false, null);
        } else {
            img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = (y * w + x) * 3;
                    int v = (int) Math.round(clamp(rgb[i]) * 255) << 16 | (int) Math.round(clamp(rgb[i + 1]) * 255) << 8
                            | (int) Math.round(clamp(rgb[i + 2]) * 255);
                    img.setRGB(x, y, v);
                }
            }
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(img, tiff ? "tiff" : "png", out.toFile())) {
            throw new IOException("no image writer for " + out);
        }
    }

    private static double clamp(double v) {
        return v < 0 ? 0 : (v > 1 ? 1 : v);
    }
}
