package dev.xsight.gl;

import static org.lwjgl.opengl.GL33C.*;

import dev.xsight.colour.ColourProgram;
import java.nio.FloatBuffer;
import org.lwjgl.system.MemoryUtil;

/**
 * Runs a colour program on the GPU over a list of float triples: the triples go up as an RGBA32F texture, one
 * fragment per triple evaluates the generated {@code xs_colour}, and an RGBA32F framebuffer is read back exactly.
 * This is the {@code colour eval --gpu} path and the GPU side of the CPU-vs-GPU tests. GL thread only.
 */
public final class GlColourEvaluator implements AutoCloseable {
    private static final int MAX_WIDTH = 4096;
    private final ShaderProgram shader;

    public GlColourEvaluator(ColourProgram program) {
        shader = new ShaderProgram(program, "uniform sampler2D xs_src;\nout vec4 xs_out;\n", """
                void main() {
                    vec3 c = texelFetch(xs_src, ivec2(gl_FragCoord.xy), 0).rgb;
                    xs_out = vec4(xs_colour(c), 1.0);
                }
                """, 1);
        glUseProgram(shader.program);
        glUniform1i(glGetUniformLocation(shader.program, "xs_src"), 0);
    }

    /** Evaluates {@code count} triples of {@code in} (as float32) and returns the outputs as doubles. */
    public double[] evaluate(double[] in, int count) {
        if (count == 0) {
            return new double[0];
        }
        int w = Math.min(count, MAX_WIDTH);
        int h = (count + w - 1) / w;
        FloatBuffer buf = MemoryUtil.memAllocFloat(w * h * 4);
        int src = 0, tex = 0, fbo = 0;
        try {
            for (int i = 0; i < w * h; i++) {
                boolean real = i < count;
                buf.put(real ? (float) in[i * 3] : 0f).put(real ? (float) in[i * 3 + 1] : 0f)
                        .put(real ? (float) in[i * 3 + 2] : 0f).put(1f);
            }
            buf.flip();
            src = glGenTextures();
            glActiveTexture(GL_TEXTURE0);
            glBindTexture(GL_TEXTURE_2D, src);
            glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
            glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA32F, w, h, 0, GL_RGBA, GL_FLOAT, buf);
            ShaderProgram.nearest(GL_TEXTURE_2D);
            tex = glGenTextures();
            glBindTexture(GL_TEXTURE_2D, tex);
            glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA32F, w, h, 0, GL_RGBA, GL_FLOAT, (FloatBuffer) null);
            ShaderProgram.nearest(GL_TEXTURE_2D);
            fbo = glGenFramebuffers();
            glBindFramebuffer(GL_FRAMEBUFFER, fbo);
            glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, tex, 0);
            if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE) {
                throw new IllegalStateException("RGBA32F framebuffer incomplete");
            }
            shader.use();
            glActiveTexture(GL_TEXTURE0);
            glBindTexture(GL_TEXTURE_2D, src);
            glViewport(0, 0, w, h);
            glDisable(GL_BLEND);
            glDisable(GL_DITHER);
            glDrawArrays(GL_TRIANGLES, 0, 3);
            buf.clear();
            glPixelStorei(GL_PACK_ALIGNMENT, 4);
            glReadPixels(0, 0, w, h, GL_RGBA, GL_FLOAT, buf);
            GlErrors.check("colour evaluation");
            double[] out = new double[count * 3];
            for (int i = 0; i < count; i++) {
                out[i * 3] = buf.get(i * 4);
                out[i * 3 + 1] = buf.get(i * 4 + 1);
                out[i * 3 + 2] = buf.get(i * 4 + 2);
            }
            return out;
        } finally {
            glBindFramebuffer(GL_FRAMEBUFFER, 0);
            if (fbo != 0) {
                glDeleteFramebuffers(fbo);
            }
            if (tex != 0) {
                glDeleteTextures(tex);
            }
            if (src != 0) {
                glDeleteTextures(src);
            }
            MemoryUtil.memFree(buf);
        }
    }

    @Override
    public void close() {
        shader.close();
    }
}
