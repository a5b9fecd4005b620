package dev.xsight.gl;

import static org.lwjgl.opengl.GL33C.*;

import dev.xsight.colour.ChromaSiting;
import dev.xsight.colour.ColourProgram;
import dev.xsight.media.ColourModel;
import dev.xsight.media.Colorimetry;
import dev.xsight.media.Frame;
import dev.xsight.media.PixelFormat;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;

/**
 * Draws planar 8–16 bit frames through a colour program: each plane goes up into an R16 texture whose storage is
 * made once per frame size ({@code glTexSubImage2D} straight from the frame's sample array: the driver's copy is the
 * only one, no buffer is allocated per frame), the shader upsamples chroma with the frame's siting, runs
 * {@code xs_colour}, rounds to the output's code values (llvmpipe truncates when it writes 10-bit) and writes an
 * RGB10_A2 (or RGBA16F) framebuffer — its own offscreen target ({@link #render()}, read back by {@link #readCodes})
 * or, for the reference output, the 10-bit window itself ({@link #drawToWindow()}). Readback gives 10-bit codes.
 *
 * <p>The shader is built for the frames' chroma layout (subsampling, siting, Y'CbCr or RGB) as constants, so a
 * layout that needs no vertical (4:2:2) or no interpolation at all (4:4:4) fetches only the samples it uses; a frame
 * with another layout rebuilds it once. The colour ops run as {@link FoldedProgram} folds them.
 *
 * <p>One instance per GL context; GL thread only. Textures are reused while the frame size stays.
 */
public final class GlFrameRenderer implements AutoCloseable {
    /** What the shader is specialised for. */
    private record Layout(ChromaSiting siting, boolean ycc) {
    }

    /** The layout built before the first frame: the ST 2110 / SDI signal, Y'CbCr 4:2:2 co-sited. */
    private static final Layout FIRST = new Layout(new ChromaSiting(2, 1, 0, 0), true);

    private final ColourProgram colour;
    private ShaderProgram shader;
    private Layout layout;
    private PixelFormat layoutFormat;
    private Colorimetry layoutColorimetry;
    private int uSize, uChromaMax;
    private final int[] planeTex = new int[3];
    private final int[] planeWidth = {-1, -1, -1}, planeHeight = {-1, -1, -1};
    private int packPbo;
    private int width = -1, height = -1;
    private int fbo, target;
    /** This renderer's program, plane textures, uniforms, viewport and unpack alignment are what GL has bound. */
    private boolean bound;

    public GlFrameRenderer(ColourProgram program) {
        colour = FoldedProgram.of(program);
        build(FIRST);
        glGenTextures(planeTex);
        packPbo = glGenBuffers();
    }

    private void build(Layout l) {
        ShaderProgram next = new ShaderProgram(colour, """
                uniform sampler2D xs_p0;
                uniform sampler2D xs_p1;
                uniform sampler2D xs_p2;
                uniform ivec2 xs_size;      // luma plane: width, height
                uniform ivec2 xs_chromaMax; // last column and row of the chroma planes
                out vec4 xs_out;
                """ + CodeValues.GLSL, chromaFunction(l.siting()) + """
                void main() {
                    // Framebuffer row 0 is the bottom: flip so that frame line 0 is the top of the picture.
                    ivec2 pos = ivec2(gl_FragCoord.x, float(xs_size.y) - 1.0 - floor(gl_FragCoord.y));
                    vec3 code;
                    code.r = texelFetch(xs_p0, pos, 0).r;
                """ + (l.ycc() ? """
                    code.g = xs_chroma(xs_p1, pos);
                    code.b = xs_chroma(xs_p2, pos);
                """ : """
                    code.g = texelFetch(xs_p1, pos, 0).r;
                    code.b = texelFetch(xs_p2, pos, 0).r;
                """) + """
                    vec3 c = xs_colour(code * 65535.0);
                    // Round to the 10-bit code here, and write a value every driver stores as that code.
                    c = xs_codeValue(floor(clamp(c, 0.0, 1.0) * 1023.0 + 0.5), 1023.0);
                    xs_out = vec4(c, 1.0);
                }
                """, 3);
        if (shader != null) {
            shader.close();
        }
        shader = next;
        layout = l;
        glUseProgram(shader.program);
        glUniform1i(glGetUniformLocation(shader.program, "xs_p0"), 0);
        glUniform1i(glGetUniformLocation(shader.program, "xs_p1"), 1);
        glUniform1i(glGetUniformLocation(shader.program, "xs_p2"), 2);
        uSize = glGetUniformLocation(shader.program, "xs_size");
        uChromaMax = glGetUniformLocation(shader.program, "xs_chromaMax");
        bound = false;
    }

    /**
     * {@code float xs_chroma(sampler2D, ivec2 luma)}: the bilinear upsampling of {@link ChromaSiting#sample} (chroma
     * position {@code (x - offset) / sub}, linear between the two nearest samples, clamped at the edges), written
     * out only along the axes the layout subsamples or offsets. Along the others the position is the luma position
     * and the weight would be 0 — the value is the same, without the fetches.
     */
    static String chromaFunction(ChromaSiting s) {
        boolean alongX = s.subX() != 1 || s.offsetX() != 0, alongY = s.subY() != 1 || s.offsetY() != 0;
        StringBuilder b = new StringBuilder("float xs_chroma(sampler2D p, ivec2 luma) {\n");
        String x = "luma.x", y = "luma.y", x1 = x, y1 = y;
        if (alongX) {
            b.append(axis("x", s.subX(), s.offsetX()));
            x = "ax";
            x1 = "bx";
        }
        if (alongY) {
            b.append(axis("y", s.subY(), s.offsetY()));
            y = "ay";
            y1 = "by";
        }
        String top = alongX ? mix(fetch(x, y), fetch(x1, y), "tx") : fetch(x, y);
        String value = !alongY ? top
                : mix(top, alongX ? mix(fetch(x, y1), fetch(x1, y1), "tx") : fetch(x, y1), "ty");
        return b.append("    return ").append(value).append(";\n}\n").toString();
    }

    private static String axis(String a, int sub, double offset) {
        return "    float c" + a + " = (float(luma." + a + ") - " + offset + ") / " + (double) sub + ";\n"
                + "    float f" + a + " = floor(c" + a + ");\n"
                + "    float t" + a + " = c" + a + " - f" + a + ";\n"
                + "    int a" + a + " = clamp(int(f" + a + "), 0, xs_chromaMax." + a + ");\n"
                + "    int b" + a + " = clamp(int(f" + a + ") + 1, 0, xs_chromaMax." + a + ");\n";
    }

    private static String fetch(String x, String y) {
        return "texelFetch(p, ivec2(" + x + ", " + y + "), 0).r";
    }

    private static String mix(String a, String b, String t) {
        return "mix(" + a + ", " + b + ", " + t + ")";
    }

    /** Uploads the planes of {@code f} (binding this renderer's state first: other users of the context may not). */
    public void upload(Frame f) {
        bound = false;
        uploadPlanes(f);
        GlErrors.check("frame upload");
    }

    /**
     * Uploads the planes of {@code f}, binding this renderer's state only when it is not bound (see
     * {@link #stateChanged()}): the reference output's per-frame path.
     */
    void uploadPlanes(Frame f) {
        fitTo(f);
        if (!bound) {
            bind();
        }
        for (int p = 0; p < 3; p++) {
            short[] samples = f.plane(p);
            if (samples.length < planeWidth[p] * planeHeight[p]) {
                throw new IllegalArgumentException("plane " + p + " holds " + samples.length + " samples, "
                        + planeWidth[p] + "x" + planeHeight[p] + " needed");
            }
            glActiveTexture(GL_TEXTURE0 + p);
            glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, planeWidth[p], planeHeight[p], GL_RED, GL_UNSIGNED_SHORT,
                    samples);
        }
        glActiveTexture(GL_TEXTURE0);
    }

    /** Someone else changed GL state in this context (program, textures, viewport): bind ours before the next use. */
    void stateChanged() {
        bound = false;
    }

    /** True when the next upload or draw binds this renderer's state again (it was changed, or never bound). */
    boolean needsBinding() {
        return !bound;
    }

    /** The shader for {@code f}'s chroma layout and plane textures of its size (no GL work when both stay). */
    private void fitTo(Frame f) {
        if (!f.format().equals(layoutFormat) || !f.colorimetry().equals(layoutColorimetry)) {
            Layout l = new Layout(ChromaSiting.of(f.format().sampling(), f.colorimetry().siting()),
                    f.format().model() == ColourModel.YCBCR);
            if (!l.equals(layout)) {
                build(l);
            }
            layoutFormat = f.format();
            layoutColorimetry = f.colorimetry();
        }
        boolean same = f.width() == width && f.height() == height;
        for (int p = 0; p < 3; p++) {
            same &= f.planeWidth(p) == planeWidth[p] && f.planeHeight(p) == planeHeight[p];
        }
        if (same) {
            return;
        }
        for (int p = 0; p < 3; p++) {
            planeWidth[p] = f.planeWidth(p);
            planeHeight[p] = f.planeHeight(p);
            glBindTexture(GL_TEXTURE_2D, planeTex[p]);
            glTexImage2D(GL_TEXTURE_2D, 0, GL_R16, planeWidth[p], planeHeight[p], 0, GL_RED, GL_UNSIGNED_SHORT,
                    (ShortBuffer) null);
            ShaderProgram.nearest(GL_TEXTURE_2D);
        }
        if (fbo != 0) {
            glDeleteFramebuffers(fbo);
            glDeleteTextures(target);
            fbo = 0;
            target = 0;
        }
        width = f.width();
        height = f.height();
        bound = false;
    }

    /** Binds the program (with its LUTs), the plane textures on units 0–2, the uniforms and the viewport. */
    private void bind() {
        shader.use();
        for (int p = 0; p < 3; p++) {
            glActiveTexture(GL_TEXTURE0 + p);
            glBindTexture(GL_TEXTURE_2D, planeTex[p]);
        }
        glActiveTexture(GL_TEXTURE0);
        glUniform2i(uSize, width, height);
        glUniform2i(uChromaMax, planeWidth[1] - 1, planeHeight[1] - 1);
        glPixelStorei(GL_UNPACK_ALIGNMENT, 2);
        glViewport(0, 0, width, height);
        glDisable(GL_BLEND);
        glDisable(GL_DITHER);
        bound = true;
    }

    /** The offscreen RGB10_A2 target, made on first use for the current frame size. */
    private void ensureTarget() {
        if (fbo != 0) {
            return;
        }
        target = glGenTextures();
        glBindTexture(GL_TEXTURE_2D, target);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGB10_A2, width, height, 0, GL_RGBA, GL_UNSIGNED_INT_2_10_10_10_REV,
                (IntBuffer) null);
        ShaderProgram.nearest(GL_TEXTURE_2D);
        fbo = glGenFramebuffers();
        glBindFramebuffer(GL_FRAMEBUFFER, fbo);
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, target, 0);
        if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE) {
            throw new IllegalStateException("RGB10_A2 framebuffer incomplete");
        }
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        bound = false;
    }

    /** Renders the uploaded frame into the offscreen RGB10_A2 target. */
    public void render() {
        if (width < 0) {
            throw new IllegalStateException("no frame uploaded");
        }
        ensureTarget();
        bind();
        glBindFramebuffer(GL_FRAMEBUFFER, fbo);
        glDrawArrays(GL_TRIANGLES, 0, 3);
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        GlErrors.check("frame render");
    }

    /**
     * Renders the uploaded frame straight into the bound draw framebuffer — the reference window's 10-bit back
     * buffer, frame-sized — binding state only when {@link #needsBinding()}: one pass, no copy.
     */
    void drawToWindow() {
        if (!bound) {
            bind();
        }
        glDrawArrays(GL_TRIANGLES, 0, 3);
    }

    /** Copies the last render 1:1 into the bound draw framebuffer (same size, at least 10 bits per channel). */
    void copyToDrawFramebuffer() {
        glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo);
        glBlitFramebuffer(0, 0, width, height, 0, 0, width, height, GL_COLOR_BUFFER_BIT, GL_NEAREST);
        glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
        GlErrors.check("reference copy");
    }

    /**
     * The largest rectangle of a {@code w} x {@code h} picture's aspect inside a {@code ww} x {@code wh} window,
     * centred, in whole pixels: {x, y, width, height}. A picture no larger than the window in both directions and
     * within one pixel of filling it stays at its own size.
     */
    static int[] fit(int w, int h, int ww, int wh) {
        if (w <= ww && h <= wh && (w == ww || h == wh)) {
            return new int[] {(ww - w) / 2, (wh - h) / 2, w, h};
        }
        long byWidth = (long) h * ww; // picture height if scaled to the window's width, times w
        int dw, dh;
        if (byWidth <= (long) wh * w) {
            dw = ww;
            dh = (int) Math.round((double) h * ww / w);
        } else {
            dh = wh;
            dw = (int) Math.round((double) w * wh / h);
        }
        return new int[] {(ww - dw) / 2, (wh - dh) / 2, dw, dh};
    }

    /**
     * Reads the last render back as 10-bit codes, 3 per pixel, top line first, into {@code out} (reused, no
     * allocation per frame when the caller keeps it). The pixels travel through a pixel-pack buffer object kept
     * across frames, mapped for reading.
     */
    public int[] readCodes(int[] out) {
        if (fbo == 0) {
            throw new IllegalStateException("nothing rendered to read back");
        }
        int[] dst = out != null && out.length == width * height * 3 ? out : new int[width * height * 3];
        glBindFramebuffer(GL_FRAMEBUFFER, fbo);
        try {
            readTenBit(packPbo, width, height, dst);
        } finally {
            glBindFramebuffer(GL_FRAMEBUFFER, 0);
        }
        GlErrors.check("frame readback");
        return dst;
    }

    /**
     * Reads the bound read framebuffer's {@code width} x {@code height} pixels as 10-bit codes, 3 per pixel, top line
     * first, through {@code packPbo} (a pixel-pack buffer kept by the caller, mapped for reading).
     */
    static void readTenBit(int packPbo, int width, int height, int[] dst) {
        glBindBuffer(GL_PIXEL_PACK_BUFFER, packPbo);
        try {
            glBufferData(GL_PIXEL_PACK_BUFFER, (long) width * height * 4, GL_STREAM_READ);
            glPixelStorei(GL_PACK_ALIGNMENT, 4);
            glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_INT_2_10_10_10_REV, 0L);
            ByteBuffer mapped = glMapBuffer(GL_PIXEL_PACK_BUFFER, GL_READ_ONLY);
            if (mapped == null) {
                throw new IllegalStateException("cannot map the readback buffer");
            }
            IntBuffer buf = mapped.order(java.nio.ByteOrder.nativeOrder()).asIntBuffer();
            for (int row = 0; row < height; row++) {
                int src = (height - 1 - row) * width;
                for (int x = 0; x < width; x++) {
                    int v = buf.get(src + x);
                    int i = (row * width + x) * 3;
                    dst[i] = v & 0x3FF;
                    dst[i + 1] = (v >>> 10) & 0x3FF;
                    dst[i + 2] = (v >>> 20) & 0x3FF;
                }
            }
            glUnmapBuffer(GL_PIXEL_PACK_BUFFER);
        } finally {
            glBindBuffer(GL_PIXEL_PACK_BUFFER, 0);
        }
    }

    /**
     * The RGB10_A2 texture the last {@link #render()} wrote (0 before the first render), for GPU consumers such as
     * the compute-shader scopes that read the picture without a readback. Texel row 0 is the picture's bottom line.
     * Valid until the frame size changes or this renderer closes; GL thread only.
     */
    public int colourTexture() {
        return target;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    @Override
    public void close() {
        glDeleteBuffers(packPbo);
        glDeleteTextures(planeTex);
        if (fbo != 0) {
            glDeleteFramebuffers(fbo);
            glDeleteTextures(target);
        }
        shader.close();
    }
}
