package dev.xsight.shell;

import dev.xsight.signal.DemoSource;
import dev.xsight.signal.DemoSourceProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;

/**
 * A real shell on still demo bars (timecode runs) with a fresh temporary config folder and otherwise the default
 * options; {@link #close} closes the window.
 */
public record StillDemoShell(Shell shell, Path config) {

    /** Writes files into the fresh config folder before the shell reads it. */
    public interface ConfigSetup {
        void prepare(Path config) throws IOException;
    }

    public static StillDemoShell open(Stage stage, ConfigSetup setup) throws IOException {
        Path config = Files.createTempDirectory("xsight-config");
        setup.prepare(config);
        DemoSource.Settings still = DemoSource.Settings.defaults().withMotion(false);
        Shell shell = Shell.show(stage, ShellOptions.defaults().withConfigDir(config)
                .withRegistry(SourceRegistry.discover().with(new DemoSourceProvider(still))));
        return new StillDemoShell(shell, config);
    }

    public void close(FxRobot robot) {
        robot.interact(() -> shell.stage().close());
    }
}
