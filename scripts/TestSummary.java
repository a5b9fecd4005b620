import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
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
        int failed = 0;
        List<String> skipped = new ArrayList<>();
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
                    failed++;
                }
                NodeList s = c.getElementsByTagName("skipped");
                if (s.getLength() > 0) {
                    String why = ((Element) s.item(0)).getAttribute("message").strip();
                    String cls = c.getAttribute("classname");
                    skipped.add(cls.substring(cls.lastIndexOf('.') + 1) + "#" + c.getAttribute("name") + " — "
                            + (why.isEmpty() ? "(no reason given)" : why.lines().findFirst().orElse(why)));
                }
            }
        }
        System.out.println();
        System.out.println("Test summary: " + tests + " tests in " + reports.size() + " reports, " + failed
                + " failed or in error, " + skipped.size() + " skipped");
        for (Path n : notes) {
            for (String line : Files.readAllLines(n)) {
                System.out.println("  " + line);
            }
        }
        if (skipped.isEmpty()) {
            System.out.println("Skipped: none");
        } else {
            System.out.println("Skipped: " + skipped.size());
            skipped.forEach(s -> System.out.println("  " + s));
        }
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
