package dev.xsight.gl;

import static org.lwjgl.opengl.GL33C.*;

import dev.xsight.colour.ChromaSiting;
import dev.xsight.colour.ColourProgram;
import dev.xsight.media.ColourModel;
import dev.xsight.media.Frame;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;

/**
 * Draws planar 8–16 bit frames through a colour program: each plane goes up as an R16 texture through a pixel
 * buffer object (the copy into the PBO is the only CPU work; the texture upload is asynchronous to the caller),
 * the shader upsamples chroma with the frame's siting, runs {@code xs_colour}, rounds to the output's code values
 * (llvmpipe truncates when it writes 10-bit) and writes an RGB10_A2 (or RGBA16F) framebuffer. Readback gives
 * 10-bit codes. One instance per GL context; GL thread only. Textures are reused while the frame size stays.
 */
public final class GlFrameRenderer implements AutoCloseable {
    private final ShaderProgram shader;
    private final int[] planeTex = new int[3];
    private final int[] pbo = new int[3];
    private int packPbo;
    private int width = -1, height = -1;
    private int fbo, target;
    private final int uSub, uOff, uCodeScale, uYcc;

    public GlFrameRenderer(ColourProgram program) {
        shader = new ShaderProgram(program, """
                uniform sampler2D xs_p0;
                uniform sampler2D xs_p1;
                uniform sampler2D xs_p2;
                uniform vec2 xs_sub;
                uniform vec2 xs_off;
                uniform float xs_codeScale;
                uniform int xs_ycc;
                out vec4 xs_out;
                """ + CodeValues.GLSL, """
                float xs_chroma(sampler2D p, vec2 luma) {
                    ivec2 size = textureSize(p, 0);
                    vec2 c = (luma - xs_off) / xs_sub;
                    ivec2 i0 = ivec2(floor(c));
                    vec2 t = c - vec2(i0);
                    ivec2 a = clamp(i0, ivec2(0), size - 1);
                    ivec2 b = clamp(i0 + 1, ivec2(0), size - 1);
                    float v00 = texelFetch(p, ivec2(a.x, a.y), 0).r, v10 = texelFetch(p, ivec2(b.x, a.y), 0).r;
                    float v01 = texelFetch(p, ivec2(a.x, b.y), 0).r, v11 = texelFetch(p, ivec2(b.x, b.y), 0).r;
                    return mix(mix(v00, v10, t.x), mix(v01, v11, t.x), t.y);
                }
                void main() {
                    ivec2 size = textureSize(xs_p0, 0);
                    // Framebuffer row 0 is the bottom: flip so that frame line 0 is the top of the picture.
                    ivec2 pos = ivec2(gl_FragCoord.x, float(size.y) - 1.0 - floor(gl_FragCoord.y));
                    vec2 luma = vec2(pos);
                    vec3 code;
                    code.r = texelFetch(xs_p0, pos, 0).r;
                    if (xs_ycc == 1) {
                        code.g = xs_chroma(xs_p1, luma);
                        code.b = xs_chroma(xs_p2, luma);
                    } else {
                        code.g = texelFetch(xs_p1, pos, 0).r;
                        code.b = texelFetch(xs_p2, pos, 0).r;
                    }
                    vec3 c = xs_colour(code * xs_codeScale);
                    // Round to the 10-bit code here, and write a value every driver stores as that code.
                    c = xs_codeValue(floor(clamp(c, 0.0, 1.0) * 1023.0 + 0.5), 1023.0);
                    xs_out = vec4(c, 1.0);
                }
                """, 3);
        glUseProgram(shader.program);
        glUniform1i(glGetUniformLocation(shader.program, "xs_p0"), 0);
        glUniform1i(glGetUniformLocation(shader.program, "xs_p1"), 1);
        glUniform1i(glGetUniformLocation(shader.program, "xs_p2"), 2);
        uSub = glGetUniformLocation(shader.program, "xs_sub");
        uOff = glGetUniformLocation(shader.program, "xs_off");
        uCodeScale = glGetUniformLocation(shader.program, "xs_codeScale");
        uYcc = glGetUniformLocation(shader.program, "xs_ycc");
        glGenBuffers(pbo);
        glGenTextures(planeTex);
        packPbo = glGenBuffers();
    }

    /** Uploads the planes of {@code f} through the PBOs. */
    public void upload(Frame f) {
        ensureSize(f.width(), f.height());
        for (int p = 0; p < 3; p++) {
            int w = f.planeWidth(p), h = f.planeHeight(p);
            glBindBuffer(GL_PIXEL_UNPACK_BUFFER, pbo[p]);
            glBufferData(GL_PIXEL_UNPACK_BUFFER, (long) w * h * 2, GL_STREAM_DRAW);
            ByteBuffer mapped = glMapBuffer(GL_PIXEL_UNPACK_BUFFER, GL_WRITE_ONLY);
            if (mapped == null) {
                throw new IllegalStateException("cannot map the upload buffer");
            }
            ShortBuffer sb = mapped.order(java.nio.ByteOrder.nativeOrder()).asShortBuffer();
            sb.put(f.plane(p), 0, w * h);
            glUnmapBuffer(GL_PIXEL_UNPACK_BUFFER);
            glActiveTexture(GL_TEXTURE0 + p);
            glBindTexture(GL_TEXTURE_2D, planeTex[p]);
            glPixelStorei(GL_UNPACK_ALIGNMENT, 2);
            glTexImage2D(GL_TEXTURE_2D, 0, GL_R16, w, h, 0, GL_RED, GL_UNSIGNED_SHORT, 0L);
            ShaderProgram.nearest(GL_TEXTURE_2D);
        }
        glBindBuffer(GL_PIXEL_UNPACK_BUFFER, 0);
        glActiveTexture(GL_TEXTURE0);
        ChromaSiting s = ChromaSiting.of(f.format().sampling(), f.colorimetry().siting());
        glUseProgram(shader.program);
        glUniform2f(uSub, s.subX(), s.subY());
        glUniform2f(uOff, (float) s.offsetX(), (float) s.offsetY());
        glUniform1f(uCodeScale, 65535f);
        glUniform1i(uYcc, f.format().model() == ColourModel.YCBCR ? 1 : 0);
        GlErrors.check("frame upload");
    }

    private void ensureSize(int w, int h) {
        if (w == width && h == height) {
            return;
        }
        if (fbo != 0) {
            glDeleteFramebuffers(fbo);
            glDeleteTextures(target);
        }
        target = glGenTextures();
        glBindTexture(GL_TEXTURE_2D, target);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGB10_A2, w, h, 0, GL_RGBA, GL_UNSIGNED_INT_2_10_10_10_REV, (IntBuffer) null);
        ShaderProgram.nearest(GL_TEXTURE_2D);
        fbo = glGenFramebuffers();
        glBindFramebuffer(GL_FRAMEBUFFER, fbo);
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, target, 0);
        if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE) {
            throw new IllegalStateException("RGB10_A2 framebuffer incomplete");
        }
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        width = w;
        height = h;
    }

    /** Renders the uploaded frame into the offscreen RGB10_A2 target. */
    public void render() {
        glBindFramebuffer(GL_FRAMEBUFFER, fbo);
        drawCurrent();
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
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

    /** Draws into whatever framebuffer is bound. */
    void drawCurrent() {
        shader.use();
        for (int p = 0; p < 3; p++) {
            glActiveTexture(GL_TEXTURE0 + p);
            glBindTexture(GL_TEXTURE_2D, planeTex[p]);
        }
        glActiveTexture(GL_TEXTURE0);
        glViewport(0, 0, width, height);
        glDisable(GL_BLEND);
        glDisable(GL_DITHER);
        glDrawArrays(GL_TRIANGLES, 0, 3);
        GlErrors.check("frame render");
    }

    /**
     * Reads the last render back as 10-bit codes, 3 per pixel, top line first, into {@code out} (reused, no
     * allocation per frame when the caller keeps it). The pixels travel through a pixel-pack buffer object kept
     * across frames, mapped for reading.
     */
    public int[] readCodes(int[] out) {
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
     * The RGB10_A2 texture the last {@link #render()} wrote (0 before the first upload), for GPU consumers such as
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
        glDeleteBuffers(pbo);
        glDeleteBuffers(packPbo);
        glDeleteTextures(planeTex);
        if (fbo != 0) {
            glDeleteFramebuffers(fbo);
            glDeleteTextures(target);
        }
        shader.close();
    }
}
