package dev.xsight.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code xsight jxs}: JPEG XS tools. */
@Command(name = "jxs", mixinStandardHelpOptions = true, description = "JPEG XS (ISO/IEC 21122) codestream tools.",
        subcommands = {JxsEncodeCommand.class})
final class JxsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
