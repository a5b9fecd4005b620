package dev.xsight.gl;

import static org.lwjgl.opengl.GL33C.*;

import dev.xsight.colour.ColourProgram;
import dev.xsight.colour.GlslBuilder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.lwjgl.system.MemoryUtil;

/**
 * A linked GLSL program made of a full-screen-triangle vertex shader and a fragment shader that embeds the
 * generated colour function {@code xs_colour}, with the colour pipeline's lookup textures uploaded. GL thread only.
 */
final class ShaderProgram implements AutoCloseable {
    final int program;
    final int vao;
    private final List<Integer> textures = new ArrayList<>();
    private final List<Integer> units = new ArrayList<>();
    private final List<Integer> targets = new ArrayList<>();
    final int firstFreeUnit;

    static final String VERTEX = """
            #version 330 core
            void main() {
                vec2 p = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));
                gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0);
            }
            """;

    /**
     * @param fragmentMain fragment code after the colour function: must define {@code main()}
     * @param firstUnit first texture unit the LUTs may use (lower ones belong to the caller)
     */
    ShaderProgram(ColourProgram colour, String header, String fragmentMain, int firstUnit) {
        ColourProgram.GlslProgram g = colour.glsl();
        String fragment = "#version 330 core\n" + header + g.source() + fragmentMain;
        int vs = compile(GL_VERTEX_SHADER, VERTEX);
        int fs = compile(GL_FRAGMENT_SHADER, fragment);
        program = glCreateProgram();
        glAttachShader(program, vs);
        glAttachShader(program, fs);
        glLinkProgram(program);
        glDeleteShader(vs);
        glDeleteShader(fs);
        if (glGetProgrami(program, GL_LINK_STATUS) != GL_TRUE) {
            String log = glGetProgramInfoLog(program);
            glDeleteProgram(program);
            throw new IllegalStateException("shader link failed: " + log);
        }
        vao = glGenVertexArrays();
        glUseProgram(program);
        int unit = firstUnit;
        for (GlslBuilder.LutTexture t : g.textures()) {
            int tex = glGenTextures();
            glActiveTexture(GL_TEXTURE0 + unit);
            FloatBuffer fb = MemoryUtil.memAllocFloat(t.rgb().length);
            try {
                fb.put(t.rgb()).flip();
                glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
                if (t.dimensions() == 3) {
                    glBindTexture(GL_TEXTURE_3D, tex);
                    glTexImage3D(GL_TEXTURE_3D, 0, GL_RGB32F, t.width(), t.height(), t.depth(), 0, GL_RGB, GL_FLOAT, fb);
                    nearest(GL_TEXTURE_3D);
                } else {
                    glBindTexture(GL_TEXTURE_2D, tex);
                    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGB32F, t.width(), t.height(), 0, GL_RGB, GL_FLOAT, fb);
                    nearest(GL_TEXTURE_2D);
                }
            } finally {
                MemoryUtil.memFree(fb);
            }
            glUniform1i(glGetUniformLocation(program, t.uniform()), unit);
            textures.add(tex);
            units.add(unit);
            targets.add(t.dimensions() == 3 ? GL_TEXTURE_3D : GL_TEXTURE_2D);
            unit++;
        }
        firstFreeUnit = unit;
        glActiveTexture(GL_TEXTURE0);
        GlErrors.check("colour program setup");
    }

    static void nearest(int target) {
        glTexParameteri(target, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(target, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        glTexParameteri(target, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(target, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    }

    /** Binds the program and its LUT textures. */
    void use() {
        glUseProgram(program);
        // Rebind the LUTs: another program may have used these units since.
        for (int i = 0; i < textures.size(); i++) {
            glActiveTexture(GL_TEXTURE0 + units.get(i));
            glBindTexture(targets.get(i), textures.get(i));
        }
        glActiveTexture(GL_TEXTURE0);
        glBindVertexArray(vao);
    }

    private static int compile(int type, String src) {
        int s = glCreateShader(type);
        glShaderSource(s, src);
        glCompileShader(s);
        if (glGetShaderi(s, GL_COMPILE_STATUS) != GL_TRUE) {
            String log = glGetShaderInfoLog(s);
            glDeleteShader(s);
            throw new IllegalStateException("shader compile failed: " + log);
        }
        return s;
    }

    @Override
    public void close() {
        for (int t : textures) {
            glDeleteTextures(t);
        }
        glDeleteVertexArrays(vao);
        glDeleteProgram(program);
    }
}
