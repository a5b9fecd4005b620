package dev.xsight.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command: lists the subcommands. Usage errors print one line and exit 2; failures exit 1. */
@Command(name = "xsight", mixinStandardHelpOptions = true, versionProvider = XsightCommand.Version.class,
        description = "Xsight reference monitor: ST 2110-22 JPEG XS and HLS review with 10-bit display, notes and QC.",
        subcommands = {TimecodeCommand.class, JxsCommand.class, DemoCommand.class, NotesCommand.class, ColourCommand.class, SendCommand.class, ReceiveCommand.class, St2110BenchCommand.class, ReferenceCommand.class, SessionCommand.class, NmosNodeCommand.class, QcCommand.class})
public final class XsightCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A configured command line with the house error handling. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new XsightCommand());
        cl.setParameterExceptionHandler(XsightCommand::usageError);
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
            if (ex instanceof IllegalArgumentException && !(ex instanceof NumberFormatException)) {
                line.getErr().println("xsight " + line.getCommandName() + ": " + ex.getMessage());
                return 2;
            }
            line.getErr().println("xsight " + line.getCommandName() + ": " + (ex.getMessage() == null
                    ? ex.toString() : ex.getMessage()));
            if (Boolean.getBoolean("xsight.debug")) {
                ex.printStackTrace(line.getErr());
            }
            return 1;
        });
        return cl;
    }

    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        PrintWriter err = ex.getCommandLine().getErr();
        err.println("xsight: " + ex.getMessage() + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                + " --help')");
        return 2;
    }

    /** Version from the jar manifest, or the development version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = XsightCommand.class.getPackage().getImplementationVersion();
            return new String[] {"xsight " + (v == null ? "0.1.0-SNAPSHOT" : v)};
        }
    }
}
