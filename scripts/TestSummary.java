import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The end of {@code ./monitor test}: every skipped test with its reason, read from the Surefire and Failsafe XML
 * reports this run wrote (reports older than the run's start stamp are ignored), and the notes tests left under
 * {@code target/test-notes/}. Runs with the JDK alone ({@code java scripts/TestSummary.java ROOT [STAMP]}), also
 * after a failed build.
 */
public final class TestSummary {

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        FileTime since = args.length > 1 && Files.exists(Path.of(args[1]))
                ? Files.getLastModifiedTime(Path.of(args[1])) : FileTime.fromMillis(0);
        List<Path> reports = new ArrayList<>();
        List<Path> notes = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path m : modules.filter(Files::isDirectory).sorted().toList()) {
                for (String dir : List.of("surefire-reports", "failsafe-reports")) {
                    reports.addAll(list(m.resolve("target").resolve(dir), "TEST-", ".xml", since));
                }
                notes.addAll(list(m.resolve("target").resolve("test-notes"), "", ".txt", since));
            }
        }
        int tests = 0;
        List<String> failures = new ArrayList<>();
        Map<String, Integer> skipped = new LinkedHashMap<>();
        var dbf = DocumentBuilderFactory.newInstance();
        for (Path r : reports) {
            NodeList cases;
            try {
                cases = dbf.newDocumentBuilder().parse(r.toFile()).getElementsByTagName("testcase");
            } catch (Exception e) {
                System.out.println("  (unreadable report " + root.relativize(r) + ": " + e.getMessage() + ")");
                continue;
            }
            for (int i = 0; i < cases.getLength(); i++) {
                Element c = (Element) cases.item(i);
                tests++;
                if (c.getElementsByTagName("failure").getLength() + c.getElementsByTagName("error").getLength() > 0) {
                    String cls = c.getAttribute("classname");
                    failures.add(cls.substring(cls.lastIndexOf('.') + 1) + "#" + c.getAttribute("name"));
                }
                NodeList s = c.getElementsByTagName("skipped");
                if (s.getLength() > 0) {
                    String cls = c.getAttribute("classname");
                    String name = c.getAttribute("name");
                    // Parameterized cases, "method(Type, ...)[n]", are counted under their method.
                    int paren = name.indexOf('(');
                    String method = paren > 0 ? name.substring(0, paren) : name;
                    skipped.merge(cls.substring(cls.lastIndexOf('.') + 1) + "#" + method + " — "
                            + reason((Element) s.item(0)), 1, Integer::sum);
                }
            }
        }
        System.out.println();
        int skips = skipped.values().stream().mapToInt(Integer::intValue).sum();
        System.out.println("Test summary: " + tests + " tests in " + reports.size() + " reports, " + failures.size()
                + " failed or in error, " + skips + " skipped");
        for (Path n : notes) {
            for (String line : Files.readAllLines(n)) {
                System.out.println("  " + line);
            }
        }
        if (!failures.isEmpty()) {
            System.out.println("Failed: " + failures.size());
            failures.stream().limit(30).forEach(f -> System.out.println("  " + f));
        }
        if (skips == 0) {
            System.out.println("Skipped: none");
        } else {
            System.out.println("Skipped: " + skips);
            skipped.forEach((what, n) -> System.out.println("  " + what + (n > 1 ? " (" + n + " cases)" : "")));
        }
        if (reports.isEmpty()) {
            System.out.println("  (no test reports from this run: the build stopped before the tests)");
        }
    }

    /** The first line of the skip's message: the attribute, else the text (JUnit's exception and its trace). */
    private static String reason(Element skipped) {
        String why = skipped.getAttribute("message").strip();
        if (why.isEmpty()) {
            why = skipped.getTextContent().strip();
        }
        why = why.lines().findFirst().orElse("").strip();
        for (String prefix : List.of("org.opentest4j.TestAbortedException:", "Assumption failed:")) {
            if (why.startsWith(prefix)) {
                why = why.substring(prefix.length()).strip();
            }
        }
        return why.isEmpty() ? "(no reason given)" : why;
    }

    private static List<Path> list(Path dir, String prefix, String suffix, FileTime since) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)
                            && p.getFileName().toString().endsWith(suffix))
                    .filter(p -> {
                        try {
                            return Files.getLastModifiedTime(p).compareTo(since) >= 0;
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .sorted().toList();
        }
    }
}
