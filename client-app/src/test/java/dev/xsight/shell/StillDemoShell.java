package dev.xsight.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;

/**
 * A real shell on still demo bars (timecode runs) with a fresh temporary config folder ({@code xsight.config.dir})
 * and no CLI overrides left from other tests; {@link #close} closes the window and restores the property.
 */
record StillDemoShell(Shell shell, Path config, String configBefore) {

    /** Writes files into the fresh config folder before the shell reads it. */
    interface ConfigSetup {
        void prepare(Path config) throws IOException;
    }

    static StillDemoShell open(Stage stage, ConfigSetup setup) throws IOException {
        String before = System.getProperty("xsight.config.dir");
        Path config = Files.createTempDirectory("xsight-config");
        setup.prepare(config);
        System.setProperty("xsight.config.dir", config.toString());
        for (String p : new String[] {"xsight.pipeline", "xsight.scopes", "xsight.overlays"}) {
            System.clearProperty(p);
        }
        Shell shell = ShellWindow.openOnStillBars(stage);
        return new StillDemoShell(shell, config, before);
    }

    void close(FxRobot robot) {
        ShellWindow.close(robot, shell);
        if (configBefore == null) {
            System.clearProperty("xsight.config.dir");
        } else {
            System.setProperty("xsight.config.dir", configBefore);
        }
    }
}
