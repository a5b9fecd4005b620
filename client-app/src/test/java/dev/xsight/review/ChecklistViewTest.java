package dev.xsight.review;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xsight.checklist.ChecklistTemplate;
import dev.xsight.checklist.ChecklistTemplates;
import dev.xsight.checklist.Verdict;
import dev.xsight.media.FrameRate;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Ticking checklist items in a real window stores them in the session; they come back when the view reopens. */
@ExtendWith(ApplicationExtension.class)
class ChecklistViewTest {
    @TempDir
    static Path dir;

    private SqliteNoteStore store;
    private ExecutorService io;
    private ChecklistTemplate template;
    private Stage stage;

    @BeforeAll
    static void glassRobot() {
        System.setProperty("testfx.robot", "glass");
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        store = ViewTestSessions.fresh(dir, "c", FrameRate.FPS_25);
        io = Executors.newSingleThreadExecutor();
        template = ChecklistTemplates.builtIn().stream().filter(t -> t.id().equals("video-qc")).findFirst()
                .orElseThrow();
        stage.setScene(new Scene(new ChecklistView(template, store, io), 900, 600));
        stage.show();
    }

    @AfterEach
    void close() throws InterruptedException {
        ViewTestSessions.close(io, store);
    }

    private void settle() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        io.submit(() -> { }).get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void marksAreStoredAndShownAgainWhenReopened(FxRobot robot) throws Exception {
        robot.clickOn("#item-banding-fail");
        robot.clickOn("#item-banding-note").write("sky in 2x05").type(javafx.scene.input.KeyCode.ENTER);
        robot.clickOn("#item-hits-pass");
        robot.clickOn("#item-vfx-na");
        settle();
        var marks = store.checklist("video-qc");
        assertEquals(3, marks.size());
        var banding = marks.stream().filter(m -> m.itemId().equals("banding")).findFirst().orElseThrow();
        assertEquals(Verdict.FAIL, banding.verdict());
        assertEquals("sky in 2x05", banding.note());

        ChecklistView again = new ChecklistView(template, store, io);
        robot.interact(() -> stage.setScene(new Scene(again, 900, 600)));
        robot.interact(again::load);
        settle();
        assertEquals(Verdict.FAIL, again.verdict("banding"));
        assertEquals(Verdict.PASS, again.verdict("hits"));
        assertEquals(Verdict.NOT_APPLICABLE, again.verdict("vfx"));
        assertEquals(Verdict.UNCHECKED, again.verdict("focus"));
    }
}
