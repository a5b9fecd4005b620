package dev.xsight.cli;

import picocli.CommandLine;

/** Entry point of the {@code xsight} command (what {@code ./monitor} runs). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code: 0 ok, 1 failure, 2 bad usage. */
    public static int run(String... args) {
        return XsightCommand.commandLine().execute(args);
    }
}
