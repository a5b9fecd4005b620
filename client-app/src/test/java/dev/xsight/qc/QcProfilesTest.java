package dev.xsight.qc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.review.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QcProfilesTest {
    @TempDir
    Path dir;

    @Test
    void theThreeShippedProfilesLoadWithEveryCheckNamed() {
        List<QcProfile> all = QcProfiles.builtIn();
        assertEquals(List.of("broadcast", "streaming", "grading"), all.stream().map(QcProfile::id).toList());
        assertEquals("EBU R128 / R103 broadcast", all.get(0).name());
        assertEquals("streaming (\u221224 LKFS)", all.get(1).name());
        assertEquals("grading suite", all.get(2).name());
        for (QcProfile p : all) {
            assertEquals(QcEvent.Type.values().length, p.checks().size(), p.id());
            for (QcProfile.Check c : p.checks().values()) {
                assertTrue(c.thresholds().size() <= 6, p.id());
            }
        }
        QcProfile broadcast = all.get(0);
        assertEquals(Severity.BLOCKER, broadcast.severity(QcEvent.Type.BLACK));
        assertEquals(Duration.ofSeconds(1), broadcast.check(QcEvent.Type.BLACK).minDuration());
        assertEquals(0.98, broadcast.check(QcEvent.Type.BLACK).threshold("picture_ratio", 0));
        assertFalse(all.get(2).enabled(QcEvent.Type.LOUDNESS), "the grading suite does not judge loudness");
    }

    @Test
    void aUserProfileWithABuiltInIdReplacesIt() throws Exception {
        Files.writeString(dir.resolve("broadcast.json"), """
                {"name": "house broadcast", "checks": {"black": {"severity": "fyi", "min_duration_s": 0.5}}}
                """);
        QcProfile p = QcProfiles.named("broadcast", dir);
        assertEquals("house broadcast", p.name());
        assertEquals(Severity.FYI, p.severity(QcEvent.Type.BLACK));
        assertEquals(Duration.ofMillis(500), p.check(QcEvent.Type.BLACK).minDuration());
        assertFalse(p.enabled(QcEvent.Type.FREEZE), "a check the file leaves out is off");
    }

    private QcProfileException bad(String json) throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, json);
        QcProfileException e = assertThrows(QcProfileException.class, () -> QcProfiles.readFile(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertEquals(f.toString(), e.file());
        return e;
    }

    @Test
    void everyBadFieldIsNamed() throws Exception {
        assertEquals("checks.silence.severity", bad("""
                {"name": "x", "checks": {"silence": {"severity": "loud"}}}""").field());
        assertEquals("checks.blak", bad("""
                {"name": "x", "checks": {"blak": {"severity": "fyi"}}}""").field());
        assertEquals("checks.black.thresholds.picture_ratio", bad("""
                {"name": "x", "checks": {"black": {"severity": "fyi", "thresholds": {"picture_ratio": 2}}}}""")
                .field());
        assertEquals("checks.freeze.min_duration_s", bad("""
                {"name": "x", "checks": {"freeze": {"severity": "fyi", "min_duration_s": "1s"}}}""").field());
        assertEquals("checks.loss.enabled", bad("""
                {"name": "x", "checks": {"loss": {"severity": "fyi", "enabled": "yes"}}}""").field());
        assertEquals("checks.loss.colour", bad("""
                {"name": "x", "checks": {"loss": {"severity": "fyi", "colour": "red"}}}""").field());
        assertEquals("name", bad("""
                {"checks": {"loss": {"severity": "fyi"}}}""").field());
        assertEquals("checks", bad("""
                {"name": "x"}""").field());
        assertEquals("", bad("{\"name\": ").field());
    }
}
