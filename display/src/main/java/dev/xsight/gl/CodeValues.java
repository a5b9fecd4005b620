package dev.xsight.gl;

/**
 * GLSL for writing exact integer codes into fixed-point framebuffers. A shader that wants code {@code k} in a
 * framebuffer of {@code levels + 1} codes per channel cannot just write {@code k / levels}: drivers convert floats to
 * fixed point differently — rounding {@code v · levels}, truncating it (what the first version here assumed of
 * llvmpipe), or, as Mesa llvmpipe does for RGB10_A2 and RGBA8, rounding to 16 bits and dropping the low bits, which
 * puts {@code k / levels} one code high for 10-bit codes above about 780. {@code xs_codeValue} returns the middle of
 * the values that all three conversions store as {@code k} (the interval is never empty for 8 and 10 bits).
 */
final class CodeValues {
    static final String GLSL = """
            vec3 xs_codeValue(vec3 k, float levels) {
                float step16 = 65536.0 / (levels + 1.0);
                vec3 lo = k / levels;
                vec3 hi = min((k + 0.5) / levels, (k * step16 + step16 - 0.5) / 65535.0);
                return 0.5 * (lo + hi);
            }
            """;

    private CodeValues() {
    }
}
