package dev.xsight.checklist;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads checklist templates: the built-in ones, then every {@code *.json} in a user folder (a user template with
 * the id of a built-in one replaces it). Each call reads the files afresh; call it off the FX thread.
 */
public final class ChecklistTemplates {
    private static final String DIR = "/dev/xsight/checklist/templates/";
    /** Template files larger than this are refused rather than read. */
    static final long MAX_FILE_BYTES = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChecklistTemplates() {
    }

    /** The templates shipped with Xsight, in their listed order. */
    public static List<ChecklistTemplate> builtIn() {
        List<ChecklistTemplate> out = new ArrayList<>();
        try (InputStream idx = ChecklistTemplates.class.getResourceAsStream(DIR + "index.txt")) {
            if (idx == null) {
                throw new IllegalStateException("missing resource " + DIR + "index.txt");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(idx, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                try (InputStream in = ChecklistTemplates.class.getResourceAsStream(DIR + line.trim())) {
                    if (in == null) {
                        throw new IllegalStateException("missing resource " + DIR + line.trim());
                    }
                    out.add(parse(JSON.readTree(in), line.trim(), null));
                }
            }
        } catch (IOException e) {
            throw new ChecklistFormatException(DIR, e.getMessage(), e);
        }
        return out;
    }

    /**
     * Built-in templates plus those in {@code userFolder} (which may be absent).
     *
     * @throws ChecklistFormatException naming the first user file that cannot be read or parsed
     */
    public static List<ChecklistTemplate> load(Path userFolder) {
        Map<String, ChecklistTemplate> byId = new LinkedHashMap<>();
        for (ChecklistTemplate t : builtIn()) {
            byId.put(t.id(), t);
        }
        if (userFolder != null && Files.isDirectory(userFolder)) {
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(userFolder, "*.json")) {
                ds.forEach(files::add);
            } catch (IOException e) {
                throw new ChecklistFormatException(userFolder.toString(), "cannot list: " + e.getMessage(), e);
            }
            files.sort(null);
            for (Path f : files) {
                ChecklistTemplate t = readFile(f);
                byId.put(t.id(), t);
            }
        }
        return List.copyOf(byId.values());
    }

    /** Reads one template file; its id defaults to the file name without {@code .json}. */
    public static ChecklistTemplate readFile(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new ChecklistFormatException(file.toString(), "template of " + size + " bytes is larger than "
                        + MAX_FILE_BYTES, null);
            }
            String name = file.getFileName().toString();
            return parse(JSON.readTree(Files.readAllBytes(file)), file.toString(),
                    name.substring(0, name.length() - ".json".length()));
        } catch (JsonProcessingException e) {
            throw new ChecklistFormatException(file.toString(), "not valid JSON at line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ChecklistFormatException(file.toString(), "cannot read: " + e.getMessage(), e);
        }
    }

    static ChecklistTemplate parse(JsonNode root, String file, String defaultId) {
        if (!root.isObject()) {
            throw new ChecklistFormatException(file, "expected a JSON object with \"name\" and \"items\"", null);
        }
        String id = root.path("id").asText(defaultId == null ? "" : defaultId);
        String name = root.path("name").asText("");
        JsonNode items = root.path("items");
        if (id.isBlank() || name.isBlank() || !items.isArray() || items.isEmpty()) {
            throw new ChecklistFormatException(file, "a template needs \"name\" and a non-empty \"items\" array", null);
        }
        List<ChecklistTemplate.Item> list = new ArrayList<>();
        int index = 0;
        for (JsonNode n : items) {
            index++;
            String itemId = n.path("id").asText("");
            String text = n.path("text").asText("");
            if (itemId.isBlank() || text.isBlank()) {
                throw new ChecklistFormatException(file, "item " + index + " needs \"id\" and \"text\"", null);
            }
            List<String> events = new ArrayList<>();
            JsonNode qc = n.path("qc_events");
            if (!qc.isMissingNode()) {
                if (!qc.isArray()) {
                    throw new ChecklistFormatException(file, "item " + index + ": \"qc_events\" must be an array of"
                            + " QC event names", null);
                }
                qc.forEach(e -> events.add(e.asText()));
            }
            list.add(new ChecklistTemplate.Item(itemId, text, n.path("category").asText(""), events));
        }
        try {
            return new ChecklistTemplate(id, name, root.path("version").asInt(1), list);
        } catch (IllegalArgumentException e) {
            throw new ChecklistFormatException(file, e.getMessage(), e);
        }
    }
}
