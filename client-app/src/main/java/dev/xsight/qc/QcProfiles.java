package dev.xsight.qc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xsight.review.Severity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads QC profiles as {@code checklist.ChecklistTemplates} loads templates: the built-in ones ({@code broadcast},
 * {@code streaming}, {@code grading}), then every {@code *.json} in the user's folder ({@code qc-profiles} in the
 * config folder; a user profile with a built-in id replaces it). Every field is checked; a bad one is a
 * {@link QcProfileException} naming the file and the field. Each call reads the files afresh; call it off the FX
 * thread.
 *
 * <p>The file: {@code {"id", "name", "version", "checks": {TYPE: {"enabled", "severity", "min_duration_s",
 * "thresholds": {NAME: number}}}}} with TYPE an event name of the {@code qc} CLI; the thresholds each check knows
 * are listed by {@link QcCatalogue#thresholds}.
 */
public final class QcProfiles {
    private static final String DIR = "/dev/xsight/qc/profiles/";
    /** Profile files larger than this are refused rather than read. */
    static final long MAX_FILE_BYTES = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private QcProfiles() {
    }

    /** The profiles shipped with Xsight, in their listed order. */
    public static List<QcProfile> builtIn() {
        List<QcProfile> out = new ArrayList<>();
        try (InputStream idx = QcProfiles.class.getResourceAsStream(DIR + "index.txt")) {
            if (idx == null) {
                throw new IllegalStateException("missing resource " + DIR + "index.txt");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(idx, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String name = line.trim();
                if (name.isEmpty()) {
                    continue;
                }
                try (InputStream in = QcProfiles.class.getResourceAsStream(DIR + name)) {
                    if (in == null) {
                        throw new IllegalStateException("missing resource " + DIR + name);
                    }
                    out.add(parse(JSON.readTree(in), DIR + name, null));
                }
            }
        } catch (IOException e) {
            throw new QcProfileException(DIR, "", e.getMessage(), e);
        }
        return out;
    }

    /**
     * Built-in profiles plus those in {@code userFolder} (which may be absent or null).
     *
     * @throws QcProfileException naming the first user file that cannot be read or is wrong
     */
    public static List<QcProfile> load(Path userFolder) {
        Map<String, QcProfile> byId = new LinkedHashMap<>();
        for (QcProfile p : builtIn()) {
            byId.put(p.id(), p);
        }
        if (userFolder != null && Files.isDirectory(userFolder)) {
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(userFolder, "*.json")) {
                ds.forEach(files::add);
            } catch (IOException e) {
                throw new QcProfileException(userFolder.toString(), "", "cannot list: " + e.getMessage(), e);
            }
            files.sort(null);
            for (Path f : files) {
                QcProfile p = readFile(f);
                byId.put(p.id(), p);
            }
        }
        return List.copyOf(byId.values());
    }

    /**
     * The profile a person named: a {@code .json} file (or any existing file), else the id of a built-in or user
     * profile.
     *
     * @throws QcProfileException for a bad file or an unknown name (listing the known ones)
     */
    public static QcProfile named(String nameOrFile, Path userFolder) {
        Path asFile = Path.of(nameOrFile);
        if (nameOrFile.endsWith(".json") || Files.isRegularFile(asFile)) {
            return readFile(asFile);
        }
        List<QcProfile> all = load(userFolder);
        for (QcProfile p : all) {
            if (p.id().equals(nameOrFile)) {
                return p;
            }
        }
        throw new QcProfileException(nameOrFile, "", "no such QC profile; known: "
                + String.join(", ", all.stream().map(QcProfile::id).toList()) + ", or a .json file", null);
    }

    /** Reads one profile file; its id defaults to the file name without {@code .json}. */
    public static QcProfile readFile(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new QcProfileException(file.toString(), "", "no such profile file", null);
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new QcProfileException(file.toString(), "", "profile of " + size + " bytes is larger than "
                        + MAX_FILE_BYTES, null);
            }
            String name = file.getFileName().toString();
            String id = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
            return parse(JSON.readTree(Files.readAllBytes(file)), file.toString(), id);
        } catch (JsonProcessingException e) {
            throw new QcProfileException(file.toString(), "", "not valid JSON at line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new QcProfileException(file.toString(), "", "cannot read: " + e.getMessage(), e);
        }
    }

    static QcProfile parse(JsonNode root, String file, String defaultId) {
        if (root == null || !root.isObject()) {
            throw new QcProfileException(file, "", "expected a JSON object with \"name\" and \"checks\"", null);
        }
        String id = text(root, "id", file, defaultId);
        String name = text(root, "name", file, null);
        JsonNode version = root.path("version");
        if (!version.isMissingNode() && !version.canConvertToInt()) {
            throw new QcProfileException(file, "version", "expected a whole number", null);
        }
        JsonNode checks = root.path("checks");
        if (!checks.isObject() || checks.isEmpty()) {
            throw new QcProfileException(file, "checks", "expected an object of checks by event name", null);
        }
        Map<QcEvent.Type, QcProfile.Check> out = new EnumMap<>(QcEvent.Type.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = checks.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            QcEvent.Type type = type(e.getKey(), file);
            out.put(type, check(type, e.getValue(), file, "checks." + e.getKey()));
        }
        return new QcProfile(id, name, version.asInt(1), out);
    }

    private static String text(JsonNode root, String field, String file, String fallback) {
        JsonNode n = root.path(field);
        if (n.isMissingNode() && fallback != null) {
            return fallback;
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            throw new QcProfileException(file, field, "expected a non-empty string", null);
        }
        return n.asText();
    }

    private static QcEvent.Type type(String word, String file) {
        for (QcEvent.Type t : QcEvent.Type.values()) {
            if (t.word().equals(word)) {
                return t;
            }
        }
        List<String> known = new ArrayList<>();
        for (QcEvent.Type t : QcEvent.Type.values()) {
            known.add(t.word());
        }
        throw new QcProfileException(file, "checks." + word, "unknown check; known: " + String.join(", ", known),
                null);
    }

    private static QcProfile.Check check(QcEvent.Type type, JsonNode n, String file, String field) {
        if (!n.isObject()) {
            throw new QcProfileException(file, field, "expected an object with \"enabled\", \"severity\" ...", null);
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!List.of("enabled", "severity", "min_duration_s", "thresholds").contains(k)) {
                throw new QcProfileException(file, field + "." + k,
                        "unknown field; expected enabled, severity, min_duration_s, thresholds", null);
            }
        }
        JsonNode enabled = n.path("enabled");
        if (!enabled.isMissingNode() && !enabled.isBoolean()) {
            throw new QcProfileException(file, field + ".enabled", "expected true or false", null);
        }
        JsonNode sev = n.path("severity");
        Severity severity;
        try {
            severity = Severity.parse(sev.isTextual() ? sev.asText() : null);
        } catch (IllegalArgumentException e) {
            throw new QcProfileException(file, field + ".severity", "expected blocker, issue or fyi", e);
        }
        JsonNode min = n.path("min_duration_s");
        Duration minDuration = Duration.ZERO;
        if (!min.isMissingNode()) {
            if (!min.isNumber() || min.asDouble() < 0 || min.asDouble() > 86_400) {
                throw new QcProfileException(file, field + ".min_duration_s",
                        "expected seconds from 0 to 86400", null);
            }
            minDuration = Duration.ofNanos(Math.round(min.asDouble() * 1e9));
        }
        Map<String, Double> thresholds = new LinkedHashMap<>();
        JsonNode th = n.path("thresholds");
        if (!th.isMissingNode()) {
            if (!th.isObject()) {
                throw new QcProfileException(file, field + ".thresholds", "expected an object of numbers", null);
            }
            Map<String, QcCatalogue.Range> known = QcCatalogue.thresholds(type);
            for (Iterator<Map.Entry<String, JsonNode>> it = th.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String f = field + ".thresholds." + e.getKey();
                QcCatalogue.Range range = known.get(e.getKey());
                if (range == null) {
                    throw new QcProfileException(file, f, "unknown threshold; " + type.word() + " knows "
                            + (known.isEmpty() ? "none" : String.join(", ", known.keySet())), null);
                }
                if (!e.getValue().isNumber() || !range.contains(e.getValue().asDouble())) {
                    throw new QcProfileException(file, f, "expected a number from " + range.min() + " to "
                            + range.max(), null);
                }
                thresholds.put(e.getKey(), e.getValue().asDouble());
            }
        }
        return new QcProfile.Check(enabled.asBoolean(true), severity, minDuration, thresholds);
    }
}
