package dev.xsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command and subcommand of the CLI, found by walking picocli's tree, answers {@code --help} with usage. */
class HelpForEveryCommandTest {

    /** The argument paths of every command below the root (each once, aliases skipped), depth first. */
    private static void walk(CommandLine cl, List<String> path, List<List<String>> out,
            Map<CommandLine, Boolean> seen) {
        if (seen.put(cl, Boolean.TRUE) != null) {
            return;
        }
        out.add(path);
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            if (!e.getKey().equals(e.getValue().getCommandName())) {
                continue; // an alias of a command walked under its own name
            }
            List<String> next = new ArrayList<>(path);
            next.add(e.getKey());
            walk(e.getValue(), next, out, seen);
        }
    }

    @Test
    void helpExitsZeroAndPrintsUsageForEveryCommandAndSubcommand() {
        List<List<String>> commands = new ArrayList<>();
        walk(XsightCommand.commandLine(), List.of(), commands, new IdentityHashMap<>());
        assertTrue(commands.size() > 20, "the walk found only " + commands);
        List<String> bad = new ArrayList<>();
        for (List<String> path : commands) {
            CommandLine cl = XsightCommand.commandLine();
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            int code = cl.execute(args.toArray(String[]::new));
            String usage = "Usage: xsight" + (path.isEmpty() ? "" : " " + String.join(" ", path));
            if (code != 0 || !out.toString().startsWith(usage) || !err.toString().isEmpty()) {
                bad.add(String.join(" ", args) + " -> exit " + code + ", out '" + out.toString().lines().findFirst()
                        .orElse("") + "', err '" + err.toString().strip() + "'");
            }
        }
        assertEquals(List.of(), bad, "of " + commands.size() + " commands");
    }
}
