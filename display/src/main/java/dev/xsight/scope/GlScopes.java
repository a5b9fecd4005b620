package dev.xsight.scope;

import static org.lwjgl.opengl.GL43C.*;

import dev.xsight.gl.GlErrors;
import dev.xsight.gl.GlUnavailableException;
import dev.xsight.image.DisplayImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.List;
import org.lwjgl.opengl.GL;
import org.lwjgl.opengl.GLCapabilities;
import org.lwjgl.system.MemoryUtil;

/**
 * The scopes of {@link Scopes} accumulated by an OpenGL 4.3 compute shader: one invocation per pixel reads the
 * 10-bit codes from an RGB10_A2 texture (the one {@code GlFrameRenderer} renders into, so the preview needs no
 * readback of the picture, or one uploaded from a {@link DisplayImage}) and adds to the waveform, parade and
 * vectorscope counts in shader storage buffers with {@code atomicAdd}; a second pass sums the histograms from the
 * waveform and parade columns (every pixel lies in exactly one column, so the sums are the same counts). The
 * counts are copied into a staging buffer behind a fence: {@link #countsReady()} says without blocking when
 * {@link #readBack()} can copy them out without waiting.
 *
 * <p>The counts are equal to the CPU's, not close: the shader runs the integer arithmetic of
 * {@link ScopeArithmetic} with the same constants and the same column binning {@code x * columns / width}. The
 * vectorscope's 44-bit products are formed with {@code imulExtended} (GLSL 4.00 core, full 64-bit signed product
 * as two 32-bit halves); the arithmetic shift right by 16 of that pair, keeping the low 32 bits, is exact because
 * the shifted value is below 2^28 in magnitude, and everything after it fits 32 bits as on the CPU. No
 * {@code GL_ARB_gpu_shader_int64} needed.
 *
 * <p>Speed: made for hardware drivers. On a software rasteriser (Mesa llvmpipe) each atomic runs lane by lane and
 * this is several times slower than {@link Scopes} on one core, so a caller there keeps the CPU {@link ScopeWorker}.
 *
 * <p>Threading: GL thread only; one instance per GL context (its buffers and program belong to the context that
 * was current at {@link #create}). The counts read through {@link ScopeCounts} are those of the last
 * {@link #readBack()} (or {@code compute}); they are kept in arrays reused frame after frame, as are the GPU
 * buffers and the upload texture (reallocated only when the picture size changes).
 */
public final class GlScopes extends ScopeGrid implements AutoCloseable {
    private static final int LOCAL = 16;
    private static final int HISTOGRAM = 3;
    private static final String SHADER = """
            #version 430 core
            layout(local_size_x = 16, local_size_y = 16) in;
            // The picture as 10-bit codes; image loads need no sampler state, so any RGB10_A2 texture works.
            layout(binding = 0, rgb10_a2) readonly uniform image2D xs_picture;
            layout(std430, binding = 0) buffer Waveform { uint waveform[]; };
            layout(std430, binding = 1) buffer Parade { uint parade[]; };
            layout(std430, binding = 2) buffer Vector { uint vectorscope[]; };
            uniform int xs_columns;
            uniform int xs_vectorSize;
            uniform ivec3 xs_weights;
            uniform int xs_cbScale;
            uniform int xs_crScale;
            uniform int xs_centre;

            // (a * b) >> 16 with a 64-bit product and an arithmetic shift, low 32 bits of the result.
            int mulShift16(int a, int b) {
                int msb, lsb;
                imulExtended(a, b, msb, lsb);
                return int((uint(lsb) >> 16u) | (uint(msb) << 16u));
            }

            void main() {
                ivec2 size = imageSize(xs_picture);
                ivec2 p = ivec2(gl_GlobalInvocationID.xy);
                if (p.x >= size.x || p.y >= size.y) {
                    return;
                }
                // unorm10 -> float is code / 1023; the product is within 1e-4 of the code, so rounding is exact.
                ivec3 c = ivec3(round(imageLoad(xs_picture, p).rgb * 1023.0));
                const int levels = 1024;
                int col = (p.x * xs_columns / size.x) * levels;
                int yFix = xs_weights.r * c.r + xs_weights.g * c.g + xs_weights.b * c.b;
                int luma = clamp((yFix + 32768) >> 16, 0, levels - 1);
                atomicAdd(waveform[col + luma], 1u);
                int plane = xs_columns * levels;
                atomicAdd(parade[col + c.r], 1u);
                atomicAdd(parade[plane + col + c.g], 1u);
                atomicAdd(parade[2 * plane + col + c.b], 1u);
                int bd = (c.b << 16) - yFix, rd = (c.r << 16) - yFix;
                int vx = (mulShift16(bd, xs_cbScale) + xs_centre) >> 16;
                int vy = (xs_centre - mulShift16(rd, xs_crScale)) >> 16;
                if (vx >= 0 && vx < xs_vectorSize && vy >= 0 && vy < xs_vectorSize) {
                    atomicAdd(vectorscope[vy * xs_vectorSize + vx], 1u);
                }
            }
            """;
    /**
     * Every pixel lands in exactly one waveform column, so each histogram bin is the sum of that level over the
     * columns of the parade (R, G, B) or the waveform (luma): a second pass instead of four contended atomics
     * per pixel.
     */
    private static final String HISTOGRAM_SHADER = """
            #version 430 core
            layout(local_size_x = 64) in;
            layout(std430, binding = 0) readonly buffer Waveform { uint waveform[]; };
            layout(std430, binding = 1) readonly buffer Parade { uint parade[]; };
            layout(std430, binding = 3) writeonly buffer Histogram { uint histogram[]; };
            uniform int xs_columns;

            void main() {
                const int levels = 1024;
                int bin = int(gl_GlobalInvocationID.x);
                int channel = bin / levels, code = bin % levels;
                uint n = 0u;
                if (channel < 3) {
                    int base = channel * xs_columns * levels + code;
                    for (int c = 0; c < xs_columns; c++) {
                        n += parade[base + c * levels];
                    }
                } else {
                    for (int c = 0; c < xs_columns; c++) {
                        n += waveform[c * levels + code];
                    }
                }
                histogram[bin] = n;
            }
            """;

    private final int program;
    private final int histogramProgram;
    private final int[] buffers = new int[4];
    private final int[][] counts;
    /** Byte offset of each count array in the staging buffer the counts are copied into for reading. */
    private final long[] stagingOffset = new long[5];
    private final int staging;
    private long fence;
    private ByteBuffer mapped;
    private IntBuffer mappedInts;
    private int uploadTexture;
    private int uploadWidth;
    private int uploadHeight;
    private IntBuffer uploadPixels;

    private GlScopes(int columns, int vectorSize, boolean bt2020) {
        super(columns, vectorSize, bt2020);
        this.program = link(SHADER);
        this.histogramProgram = link(HISTOGRAM_SHADER);
        counts = new int[][] {new int[columns * LEVELS], new int[3 * columns * LEVELS],
            new int[vectorSize * vectorSize], new int[4 * LEVELS]};
        glGenBuffers(buffers);
        for (int i = 0; i < 4; i++) {
            glBindBuffer(GL_SHADER_STORAGE_BUFFER, buffers[i]);
            glBufferData(GL_SHADER_STORAGE_BUFFER, (long) counts[i].length * Integer.BYTES, GL_DYNAMIC_READ);
        }
        glBindBuffer(GL_SHADER_STORAGE_BUFFER, 0);
        for (int i = 0; i < 4; i++) {
            stagingOffset[i + 1] = stagingOffset[i] + (long) counts[i].length * Integer.BYTES;
        }
        staging = glGenBuffers();
        glBindBuffer(GL_COPY_WRITE_BUFFER, staging);
        glBufferData(GL_COPY_WRITE_BUFFER, stagingOffset[4], GL_STREAM_READ);
        glBindBuffer(GL_COPY_WRITE_BUFFER, 0);
        ScopeArithmetic f = ScopeArithmetic.of(vectorSize, bt2020);
        glUseProgram(program);
        glUniform1i(glGetUniformLocation(program, "xs_columns"), columns);
        glUniform1i(glGetUniformLocation(program, "xs_vectorSize"), vectorSize);
        glUniform3i(glGetUniformLocation(program, "xs_weights"), f.wr(), f.wg(), f.wb());
        glUniform1i(glGetUniformLocation(program, "xs_cbScale"), f.cbScale());
        glUniform1i(glGetUniformLocation(program, "xs_crScale"), f.crScale());
        glUniform1i(glGetUniformLocation(program, "xs_centre"), f.centre());
        glUseProgram(histogramProgram);
        glUniform1i(glGetUniformLocation(histogramProgram, "xs_columns"), columns);
        glUseProgram(0);
        GlErrors.check("scope buffers");
    }

    /**
     * An accumulator for a {@link ScopeWorker} with its own offscreen GL context, made current on the calling thread
     * (the worker's): pictures are uploaded and counted with the compute shaders. With {@code softwareToo} false a
     * software rasteriser (llvmpipe, softpipe, swrast) is refused, because there the CPU {@link Scopes} are faster.
     *
     * @throws GlUnavailableException when no context, no OpenGL 4.3 or (unless {@code softwareToo}) only a software
     *     renderer is there; the message says which
     */
    public static ScopeWorker.Accumulator onOwnContext(int columns, int vectorSize, boolean bt2020,
            boolean softwareToo) {
        ScopeArithmetic.checkSize(columns, vectorSize);
        dev.xsight.gl.GlContext ctx = dev.xsight.gl.GlContext.offscreen();
        try {
            String renderer = ctx.renderer();
            String r = renderer.toLowerCase(java.util.Locale.ROOT);
            if (!softwareToo && (r.contains("llvmpipe") || r.contains("softpipe") || r.contains("swrast"))) {
                throw new GlUnavailableException("software renderer " + renderer
                        + ": the CPU scopes are faster there");
            }
            GlScopes g = create(columns, vectorSize, bt2020);
            return ScopeWorker.counting(g, "GL compute (" + renderer + ")", () -> {
                g.close();
                ctx.close();
            });
        } catch (RuntimeException e) {
            ctx.close();
            throw e;
        }
    }

    /**
     * Builds the compute program and count buffers in the current context.
     *
     * @param columns waveform columns (1..8192), as {@link Scopes}
     * @param vectorSize vectorscope grid edge (8..4096)
     * @param bt2020 BT.2020 luma coefficients instead of BT.709
     * @throws IllegalArgumentException for sizes outside those ranges (checked before any GL call)
     * @throws GlUnavailableException when no context is current, it lacks OpenGL 4.3 (compute shaders, shader
     *     storage buffers, buffer clears, rgb10_a2 image loads), or its storage-block limit is too small for
     *     {@code columns}; the message names what is missing, and callers fall back to {@link ScopeWorker}
     */
    public static GlScopes create(int columns, int vectorSize, boolean bt2020) {
        ScopeArithmetic.checkSize(columns, vectorSize);
        GLCapabilities caps;
        try {
            caps = GL.getCapabilities();
        } catch (IllegalStateException e) {
            throw new GlUnavailableException("compute-shader scopes need a current OpenGL context: " + e.getMessage());
        }
        requireGl43(caps);
        long need = 3L * columns * LEVELS * Integer.BYTES;
        long limit = Integer.toUnsignedLong(glGetInteger(GL_MAX_SHADER_STORAGE_BLOCK_SIZE));
        if (need > limit) {
            throw new GlUnavailableException("the RGB parade of " + columns + " columns needs a " + need
                    + "-byte shader storage block, this OpenGL allows " + limit);
        }
        return new GlScopes(columns, vectorSize, bt2020);
    }

    private static void requireGl43(GLCapabilities caps) {
        if (caps.OpenGL43) {
            return;
        }
        List<String> missing = new ArrayList<>();
        if (!caps.GL_ARB_compute_shader) {
            missing.add("GL_ARB_compute_shader");
        }
        if (!caps.GL_ARB_shader_storage_buffer_object) {
            missing.add("GL_ARB_shader_storage_buffer_object");
        }
        if (!caps.GL_ARB_clear_buffer_object) {
            missing.add("GL_ARB_clear_buffer_object");
        }
        if (!caps.GL_ARB_shader_image_load_store) {
            missing.add("GL_ARB_shader_image_load_store");
        }
        throw new GlUnavailableException("compute-shader scopes need OpenGL 4.3, the context is "
                + glGetString(GL_VERSION) + (missing.isEmpty() ? "" : " (missing " + String.join(", ", missing) + ")"));
    }

    private static int link(String source) {
        int shader = glCreateShader(GL_COMPUTE_SHADER);
        glShaderSource(shader, source);
        glCompileShader(shader);
        if (glGetShaderi(shader, GL_COMPILE_STATUS) != GL_TRUE) {
            String log = glGetShaderInfoLog(shader);
            glDeleteShader(shader);
            throw new IllegalStateException("scope compute shader compile failed: " + log);
        }
        int program = glCreateProgram();
        glAttachShader(program, shader);
        glLinkProgram(program);
        glDeleteShader(shader);
        if (glGetProgrami(program, GL_LINK_STATUS) != GL_TRUE) {
            String log = glGetProgramInfoLog(program);
            glDeleteProgram(program);
            throw new IllegalStateException("scope compute shader link failed: " + log);
        }
        return program;
    }

    /** Uploads {@code img}, accumulates and reads the counts back. */
    @Override
    public void compute(DisplayImage img) {
        accumulate(upload(img));
        readBack();
    }

    /** Accumulates from an RGB10_A2 texture already on the GPU and reads the counts back. */
    public void compute(int rgb10a2Texture) {
        accumulate(rgb10a2Texture);
        readBack();
    }

    /**
     * Clears the counts on the GPU and dispatches the accumulation over level 0 of {@code rgb10a2Texture} (a
     * {@code GL_TEXTURE_2D} with internal format GL_RGB10_A2) and queues their copy for {@link #readBack()}; does
     * not wait for the GPU. The texture's row order does not matter (no scope depends on the line). Leaves the
     * texture, buffer, image and program bindings it used at 0.
     *
     * @throws IllegalArgumentException when the texture is not a 2D RGB10_A2 texture of at most 16384 x 16384
     */
    public void accumulate(int rgb10a2Texture) {
        GlErrors.check("the work before the scopes");
        glBindTexture(GL_TEXTURE_2D, rgb10a2Texture);
        int w = glGetTexLevelParameteri(GL_TEXTURE_2D, 0, GL_TEXTURE_WIDTH);
        int h = glGetTexLevelParameteri(GL_TEXTURE_2D, 0, GL_TEXTURE_HEIGHT);
        int format = glGetTexLevelParameteri(GL_TEXTURE_2D, 0, GL_TEXTURE_INTERNAL_FORMAT);
        glBindTexture(GL_TEXTURE_2D, 0);
        if (glGetError() != GL_NO_ERROR || format != GL_RGB10_A2 || w < 1 || h < 1 || w > 16384 || h > 16384) {
            throw new IllegalArgumentException("texture " + rgb10a2Texture + " is not a 2D GL_RGB10_A2 picture of"
                    + " 1..16384 pixels a side (" + w + "x" + h + ", internal format 0x" + Integer.toHexString(format)
                    + ")");
        }
        for (int i = 0; i < 4; i++) {
            glBindBuffer(GL_SHADER_STORAGE_BUFFER, buffers[i]);
            if (i != HISTOGRAM) {
                nglClearBufferData(GL_SHADER_STORAGE_BUFFER, GL_R32UI, GL_RED_INTEGER, GL_UNSIGNED_INT,
                        MemoryUtil.NULL);
            }
            glBindBufferBase(GL_SHADER_STORAGE_BUFFER, i, buffers[i]);
        }
        glBindBuffer(GL_SHADER_STORAGE_BUFFER, 0);
        glBindImageTexture(0, rgb10a2Texture, 0, false, 0, GL_READ_ONLY, GL_RGB10_A2);
        glUseProgram(program);
        glDispatchCompute((w + LOCAL - 1) / LOCAL, (h + LOCAL - 1) / LOCAL, 1);
        glMemoryBarrier(GL_SHADER_STORAGE_BARRIER_BIT);
        glUseProgram(histogramProgram);
        glDispatchCompute(4 * LEVELS / 64, 1, 1);
        // The copy below and the next clear are buffer updates that must see the shaders' writes.
        glMemoryBarrier(GL_BUFFER_UPDATE_BARRIER_BIT);
        glUseProgram(0);
        glBindImageTexture(0, 0, 0, false, 0, GL_READ_ONLY, GL_RGB10_A2);
        glBindBuffer(GL_COPY_WRITE_BUFFER, staging);
        for (int i = 0; i < 4; i++) {
            glBindBuffer(GL_COPY_READ_BUFFER, buffers[i]);
            glCopyBufferSubData(GL_COPY_READ_BUFFER, GL_COPY_WRITE_BUFFER, 0, stagingOffset[i],
                    stagingOffset[i + 1] - stagingOffset[i]);
        }
        glBindBuffer(GL_COPY_READ_BUFFER, 0);
        glBindBuffer(GL_COPY_WRITE_BUFFER, 0);
        if (fence != 0) {
            glDeleteSync(fence);
        }
        fence = glFenceSync(GL_SYNC_GPU_COMMANDS_COMPLETE, 0);
        GlErrors.check("scope accumulation");
    }

    /**
     * True when the GPU has finished the last {@link #accumulate} (and its copy into the staging buffer), so that
     * {@link #readBack()} will not wait. Never blocks: a preview can accumulate on frame N and read on a later
     * frame once this says so, keeping the GL thread from stalling on the scopes.
     */
    public boolean countsReady() {
        if (fence == 0) {
            return false;
        }
        int s = glClientWaitSync(fence, 0, 0);
        return s == GL_ALREADY_SIGNALED || s == GL_CONDITION_SATISFIED;
    }

    /**
     * Copies the counts of the last {@link #accumulate} into the arrays the accessors read, waiting for the GPU
     * when it has not finished (see {@link #countsReady()}). The staging buffer is mapped for reading; the mapping's
     * Java view is reused while the driver returns the same address (no allocation per frame).
     *
     * @throws IllegalStateException when nothing was accumulated, or the GPU did not finish within 10 seconds
     */
    public void readBack() {
        if (fence == 0) {
            throw new IllegalStateException("no scope accumulation to read back");
        }
        int s = glClientWaitSync(fence, GL_SYNC_FLUSH_COMMANDS_BIT, 10_000_000_000L);
        if (s == GL_TIMEOUT_EXPIRED || s == GL_WAIT_FAILED) {
            throw new IllegalStateException("the scope accumulation did not finish within 10 s");
        }
        glBindBuffer(GL_COPY_READ_BUFFER, staging);
        try {
            ByteBuffer b = glMapBufferRange(GL_COPY_READ_BUFFER, 0, stagingOffset[4], GL_MAP_READ_BIT, mapped);
            if (b == null) {
                throw new IllegalStateException("cannot map the scope staging buffer");
            }
            if (b != mapped) {
                mapped = b;
                mappedInts = b.order(ByteOrder.nativeOrder()).asIntBuffer();
            }
            for (int i = 0; i < 4; i++) {
                mappedInts.get((int) (stagingOffset[i] / Integer.BYTES), counts[i]);
            }
            glUnmapBuffer(GL_COPY_READ_BUFFER);
        } finally {
            glBindBuffer(GL_COPY_READ_BUFFER, 0);
        }
        GlErrors.check("scope readback");
    }

    /**
     * Packs {@code img} into the upload texture (kept while the size stays) and returns it.
     *
     * @throws IllegalArgumentException naming the first pixel whose code is outside 0..1023
     */
    private int upload(DisplayImage img) {
        int w = img.width(), h = img.height();
        if (w > 16384 || h > 16384) {
            throw new IllegalArgumentException("picture " + w + "x" + h + " is larger than 16384 on a side");
        }
        if (w != uploadWidth || h != uploadHeight) {
            if (uploadTexture != 0) {
                glDeleteTextures(uploadTexture);
                MemoryUtil.memFree(uploadPixels);
            }
            uploadPixels = MemoryUtil.memAllocInt(w * h);
            uploadTexture = glGenTextures();
            glBindTexture(GL_TEXTURE_2D, uploadTexture);
            glTexStorage2D(GL_TEXTURE_2D, 1, GL_RGB10_A2, w, h);
            uploadWidth = w;
            uploadHeight = h;
        }
        int[] c = img.codes();
        IntBuffer px = uploadPixels;
        for (int i = 0, n = w * h; i < n; i++) {
            int r = c[3 * i], g = c[3 * i + 1], b = c[3 * i + 2];
            if (((r | g | b) & ~0x3FF) != 0) {
                throw new IllegalArgumentException("pixel (" + i % w + ", " + i / w + ") has codes " + r + ", " + g
                        + ", " + b + " outside 0..1023");
            }
            px.put(i, r | g << 10 | b << 20 | 3 << 30);
        }
        glBindTexture(GL_TEXTURE_2D, uploadTexture);
        glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
        glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, w, h, GL_RGBA, GL_UNSIGNED_INT_2_10_10_10_REV, px);
        glBindTexture(GL_TEXTURE_2D, 0);
        GlErrors.check("scope picture upload");
        return uploadTexture;
    }

    @Override
    public int waveform(int col, int level) {
        return counts[0][col * LEVELS + level];
    }

    @Override
    public int parade(int channel, int col, int level) {
        return counts[1][(channel * columns + col) * LEVELS + level];
    }

    @Override
    public int vector(int x, int y) {
        return counts[2][y * vectorSize + x];
    }

    @Override
    public int histogram(int channel, int code) {
        return counts[3][channel * LEVELS + code];
    }

    @Override
    public void close() {
        if (fence != 0) {
            glDeleteSync(fence);
            fence = 0;
        }
        glDeleteBuffers(staging);
        glDeleteBuffers(buffers);
        glDeleteProgram(program);
        glDeleteProgram(histogramProgram);
        if (uploadTexture != 0) {
            glDeleteTextures(uploadTexture);
            MemoryUtil.memFree(uploadPixels);
            uploadTexture = 0;
        }
    }
}
