package dev.xsight.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xsight.colour.ColourProgram;
import dev.xsight.colour.ColourSteps;
import dev.xsight.gl.GlColourEvaluator;
import dev.xsight.gl.GlContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xsight colour}: evaluate colour pipelines on values and render stills. */
@Command(name = "colour", aliases = "color", mixinStandardHelpOptions = true,
        description = "Colour pipeline tools (CPU reference and OpenGL).",
        subcommands = {ColourCommand.Eval.class, ColourRenderCommand.class})
final class ColourCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code colour eval}: applies steps to {"inputs": [[a,b,c], ...]} and writes {"outputs": [...]}. */
    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = "Apply colour steps in order to the triples of IN.json and write OUT.json.")
    static final class Eval implements Callable<Integer> {
        @Option(names = "--step", required = true, description = "A step (repeatable), e.g. eotf:pq, gamut:rec2020:rec709, "
                + "aces-output:1.3:rec709-100, lut:FILE:tetrahedral. See docs/cli/colour.md.")
        List<String> steps;

        @Option(names = "--in", required = true, description = "Input JSON with \"inputs\": [[a,b,c], ...].")
        Path in;

        @Option(names = "--out", required = true, description = "Output JSON, written as {\"outputs\": [[a,b,c], ...]}.")
        Path out;

        @Option(names = "--gpu", description = "Run the generated GLSL offscreen (float framebuffer) instead of the CPU.")
        boolean gpu;

        @Override
        public Integer call() throws IOException {
            ObjectMapper json = new ObjectMapper();
            JsonNode root;
            try {
                root = json.readTree(in.toFile());
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + in + ": " + e.getMessage());
            }
            JsonNode rows = root == null ? null : root.get("inputs");
            if (rows == null || !rows.isArray()) {
                throw new IllegalArgumentException(in + ": no \"inputs\" array");
            }
            int n = rows.size();
            double[] px = new double[n * 3];
            for (int i = 0; i < n; i++) {
                JsonNode r = rows.get(i);
                if (!r.isArray() || r.size() != 3) {
                    throw new IllegalArgumentException(in + ": inputs[" + i + "] is not a triple");
                }
                for (int k = 0; k < 3; k++) {
                    if (!r.get(k).isNumber()) {
                        throw new IllegalArgumentException(in + ": inputs[" + i + "][" + k + "] is not a number");
                    }
                    px[i * 3 + k] = r.get(k).asDouble();
                }
            }
            ColourProgram program;
            try {
                program = ColourSteps.parseAll(steps);
            } catch (UncheckedIOException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
            double[] result;
            if (gpu) {
                try (GlContext ctx = GlContext.offscreen(); GlColourEvaluator ev = new GlColourEvaluator(program)) {
                    result = ev.evaluate(px, n);
                }
            } else {
                program.apply(px, n);
                result = px;
            }
            ObjectNode o = json.createObjectNode();
            ArrayNode outs = o.putArray("outputs");
            for (int i = 0; i < n; i++) {
                ArrayNode r = outs.addArray();
                for (int k = 0; k < 3; k++) {
                    double v = result[i * 3 + k];
                    if (Double.isFinite(v)) {
                        r.add(v);
                    } else {
                        r.addNull();
                    }
                }
            }
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            json.writeValue(out.toFile(), o);
            return 0;
        }
    }
}
