package dev.xsight.gl;

import static org.lwjgl.opengl.GL33C.*;

import dev.xsight.colour.ColourProgram;

/**
 * Puts a rendered 10-bit picture (the RGB10_A2 target of {@link GlFrameRenderer}) on an output framebuffer: black
 * around it, the picture in a rectangle — sample for sample when the rectangle is the picture's size, bilinear when it
 * is scaled — and quantised to the output's depth. An output with at least 10 bits per channel gets the 10-bit codes
 * exactly (rounded in the shader: llvmpipe truncates when it writes). An output with fewer bits (an 8-bit window)
 * gets a 4×4 ordered dither of the dropped bits, so a 10-bit ramp does not band on it; this is the only place the
 * reference output dithers.
 *
 * <p>GL thread only; one instance per context.
 */
final class PresentPass implements AutoCloseable {
    private final ShaderProgram shader;
    private final int uRect;
    private final int uPicture;
    private final int uOneToOne;
    private final int uLevels;
    private final int uDither;

    PresentPass() {
        shader = new ShaderProgram(ColourProgram.of(), """
                uniform sampler2D xs_picture;
                uniform vec4 xs_rect;      // x, y (from the bottom), width, height in output pixels
                uniform int xs_oneToOne;
                uniform float xs_levels;   // output codes - 1: 1023 for 10 bits, 255 for 8
                uniform int xs_dither;
                out vec4 xs_out;
                """ + CodeValues.GLSL, """
                const float BAYER[16] = float[16](0.0, 8.0, 2.0, 10.0, 12.0, 4.0, 14.0, 6.0,
                                                  3.0, 11.0, 1.0, 9.0, 15.0, 7.0, 13.0, 5.0);
                void main() {
                    vec2 p = gl_FragCoord.xy - xs_rect.xy;
                    if (p.x < 0.0 || p.y < 0.0 || p.x >= xs_rect.z || p.y >= xs_rect.w) {
                        xs_out = vec4(0.0, 0.0, 0.0, 1.0);
                        return;
                    }
                    ivec2 size = textureSize(xs_picture, 0);
                    vec3 c;
                    if (xs_oneToOne == 1) {
                        c = texelFetch(xs_picture, ivec2(p), 0).rgb;
                    } else {
                        // Bilinear between texel centres, clamped at the edges (done here: no hardware filtering).
                        vec2 t = p * vec2(size) / xs_rect.zw - 0.5;
                        ivec2 i0 = ivec2(floor(t));
                        vec2 f = t - vec2(i0);
                        ivec2 a = clamp(i0, ivec2(0), size - 1), b = clamp(i0 + 1, ivec2(0), size - 1);
                        c = mix(mix(texelFetch(xs_picture, ivec2(a.x, a.y), 0).rgb,
                                    texelFetch(xs_picture, ivec2(b.x, a.y), 0).rgb, f.x),
                                mix(texelFetch(xs_picture, ivec2(a.x, b.y), 0).rgb,
                                    texelFetch(xs_picture, ivec2(b.x, b.y), 0).rgb, f.x), f.y);
                    }
                    float offset = 0.5;
                    if (xs_dither == 1) {
                        ivec2 q = ivec2(gl_FragCoord.xy) & 3;
                        offset = (BAYER[q.y * 4 + q.x] + 0.5) / 16.0;
                    }
                    // floor(v * levels + offset) is the output code; written so every driver stores that code.
                    c = xs_codeValue(floor(clamp(c, 0.0, 1.0) * xs_levels + offset), xs_levels);
                    xs_out = vec4(min(c, vec3(1.0)), 1.0);
                }
                """, 1);
        glUseProgram(shader.program);
        uPicture = glGetUniformLocation(shader.program, "xs_picture");
        uRect = glGetUniformLocation(shader.program, "xs_rect");
        uOneToOne = glGetUniformLocation(shader.program, "xs_oneToOne");
        uLevels = glGetUniformLocation(shader.program, "xs_levels");
        uDither = glGetUniformLocation(shader.program, "xs_dither");
        glUniform1i(uPicture, 0);
    }

    /**
     * Draws {@code picture} ({@code pw} x {@code ph}) into the bound draw framebuffer of {@code ow} x {@code oh}
     * pixels at {@code rect} = {x, y from the bottom, width, height}, for an output of {@code outputBits} per channel.
     */
    void draw(int picture, int pw, int ph, int[] rect, int ow, int oh, int outputBits) {
        shader.use();
        glActiveTexture(GL_TEXTURE0);
        glBindTexture(GL_TEXTURE_2D, picture);
        glUniform4f(uRect, rect[0], rect[1], rect[2], rect[3]);
        glUniform1i(uOneToOne, rect[2] == pw && rect[3] == ph ? 1 : 0);
        int bits = Math.max(1, Math.min(outputBits, 10));
        glUniform1f(uLevels, (1 << bits) - 1);
        glUniform1i(uDither, outputBits < 10 ? 1 : 0);
        glViewport(0, 0, ow, oh);
        glDisable(GL_BLEND);
        glDisable(GL_DITHER);
        glDrawArrays(GL_TRIANGLES, 0, 3);
        GlErrors.check("present pass");
    }

    @Override
    public void close() {
        shader.close();
    }
}
