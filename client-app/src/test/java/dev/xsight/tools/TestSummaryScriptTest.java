package dev.xsight.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The summary {@code ./monitor test} ends with (scripts/TestSummary.java), run on made-up Surefire and Failsafe
 * reports: every skipped test with JUnit's reason, parameterized cases counted under their method, failures listed,
 * tests' notes shown, and reports older than the run's start stamp left out.
 */
class TestSummaryScriptTest {
    private static final Path SCRIPT = Path.of("..", "scripts", "TestSummary.java");

    @TempDir
    Path root;

    private static String testcase(String cls, String name, String body) {
        return "<testcase name=\"" + name + "\" classname=\"" + cls + "\" time=\"0.1\">" + body + "</testcase>";
    }

    private void report(String module, String dir, String cls, String... cases) throws Exception {
        Path d = Files.createDirectories(root.resolve(module).resolve("target").resolve(dir));
        Files.writeString(d.resolve("TEST-" + cls + ".xml"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<testsuite name=\"" + cls + "\" tests=\"" + cases.length + "\">" + String.join("", cases)
                + "</testsuite>\n");
    }

    private String summary(Path stamp) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), SCRIPT.toString(), root.toString(), stamp.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the summary did not finish");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void listsEverySkipWithItsReasonTheFailuresAndTheNotesOfThisRunOnly() throws Exception {
        Path stamp = root.resolve("stamp");
        Files.writeString(stamp, "");
        Files.setLastModifiedTime(stamp, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        report("decode", "surefire-reports", "dev.xsight.a.NetTest",
                testcase("dev.xsight.a.NetTest", "crossesNetem", "<skipped type=\"org.opentest4j.TestAbortedException\">"
                        + "<![CDATA[org.opentest4j.TestAbortedException: Assumption failed: netem: no netem kernel module"
                        + "\n\tat org.junit.jupiter.api.Assumptions.assumeTrue(Assumptions.java:127)]]></skipped>"),
                testcase("dev.xsight.a.NetTest", "passes", ""),
                testcase("dev.xsight.a.NetTest", "svt(String, int)[1]", "<skipped message=\"no SVT here\"/>"),
                testcase("dev.xsight.a.NetTest", "svt(String, int)[2]", "<skipped message=\"no SVT here\"/>"));
        report("packaging", "failsafe-reports", "dev.xsight.p.DebIT",
                testcase("dev.xsight.p.DebIT", "installs", "<failure message=\"boom\">trace</failure>"));
        report("display", "surefire-reports", "dev.xsight.old.StaleTest",
                testcase("dev.xsight.old.StaleTest", "fromAnEarlierRun", "<skipped message=\"stale\"/>"));
        Files.setLastModifiedTime(root.resolve("display/target/surefire-reports/TEST-dev.xsight.old.StaleTest.xml"),
                FileTime.fromMillis(System.currentTimeMillis() - 120_000));
        Path notes = Files.createDirectories(root.resolve("decode/target/test-notes"));
        Files.writeString(notes.resolve("CopyTest.txt"), "Conformance copy: compared 3 files\n");

        List<String> lines = summary(stamp).lines().toList();
        assertTrue(lines.contains("Test summary: 5 tests in 2 reports, 1 failed or in error, 3 skipped"),
                String.join("\n", lines));
        assertTrue(lines.contains("  Conformance copy: compared 3 files"), String.join("\n", lines));
        assertTrue(lines.contains("Failed: 1") && lines.contains("  DebIT#installs"), String.join("\n", lines));
        assertTrue(lines.contains("Skipped: 3"), String.join("\n", lines));
        assertTrue(lines.contains("  NetTest#crossesNetem — netem: no netem kernel module"), String.join("\n", lines));
        assertTrue(lines.contains("  NetTest#svt — no SVT here (2 cases)"), String.join("\n", lines));
        assertTrue(lines.stream().noneMatch(l -> l.contains("stale")), String.join("\n", lines));
    }

    @Test
    void saysNoneWhenNothingWasSkippedAndNamesAMissingRun() throws Exception {
        Path stamp = root.resolve("stamp");
        Files.writeString(stamp, "");
        String out = summary(stamp);
        assertTrue(out.contains("Skipped: none"), out);
        assertTrue(out.contains("no test reports from this run"), out);
        report("peripherals", "surefire-reports", "dev.xsight.k.KeyTest", testcase("dev.xsight.k.KeyTest", "ok", ""));
        out = summary(stamp);
        assertTrue(out.contains("Test summary: 1 tests in 1 reports, 0 failed or in error, 0 skipped"), out);
        assertTrue(out.contains("Skipped: none") && !out.contains("no test reports"), out);
    }
}
