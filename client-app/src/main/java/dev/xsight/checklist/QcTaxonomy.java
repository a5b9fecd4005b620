package dev.xsight.checklist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The QC issue taxonomy: video and audio fault categories with stable codes. Immutable; safe from any thread. */
public final class QcTaxonomy {
    private static final String RESOURCE = "/dev/xsight/checklist/taxonomy.json";
    private static volatile QcTaxonomy builtIn;

    private final List<QcCategory> categories;
    private final Map<String, QcCategory> byKey;

    QcTaxonomy(List<QcCategory> categories) {
        this.categories = List.copyOf(categories);
        Map<String, QcCategory> m = new LinkedHashMap<>();
        for (QcCategory c : categories) {
            m.put(key(c.code()), c);
        }
        for (QcCategory c : categories) {
            m.putIfAbsent(key(c.name()), c);
            for (String a : c.aliases()) {
                m.putIfAbsent(key(a), c);
            }
        }
        this.byKey = Map.copyOf(m);
    }

    /** The taxonomy shipped with Xsight. */
    public static QcTaxonomy builtIn() {
        QcTaxonomy t = builtIn;
        if (t == null) {
            try (InputStream in = QcTaxonomy.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + RESOURCE);
                }
                t = parse(new ObjectMapper().readTree(in), RESOURCE);
            } catch (IOException e) {
                throw new ChecklistFormatException(RESOURCE, e.getMessage(), e);
            }
            builtIn = t;
        }
        return t;
    }

    static QcTaxonomy parse(JsonNode root, String file) {
        JsonNode list = root.path("categories");
        if (!list.isArray() || list.isEmpty()) {
            throw new ChecklistFormatException(file, "expected a non-empty \"categories\" array", null);
        }
        List<QcCategory> out = new ArrayList<>();
        for (JsonNode n : list) {
            String code = n.path("code").asText("");
            String name = n.path("name").asText("");
            String domain = n.path("domain").asText("");
            if (code.isBlank() || name.isBlank() || !(domain.equals("video") || domain.equals("audio"))) {
                throw new ChecklistFormatException(file, "category " + n + " needs code, name and domain"
                        + " video|audio", null);
            }
            List<String> aliases = new ArrayList<>();
            n.path("aliases").forEach(a -> aliases.add(a.asText()));
            out.add(new QcCategory(code, domain, name, aliases, n.path("description").asText("")));
        }
        return new QcTaxonomy(out);
    }

    public List<QcCategory> categories() {
        return categories;
    }

    /** The category whose code, name or alias is {@code text} (case and surrounding blanks ignored). */
    public Optional<QcCategory> find(String text) {
        return text == null ? Optional.empty() : Optional.ofNullable(byKey.get(key(text)));
    }

    /** The code for {@code text} when it names a category, else {@code text} itself trimmed (a custom category). */
    public String canonical(String text) {
        return find(text).map(QcCategory::code).orElse(text == null ? "" : text.trim());
    }

    /** Display name of a code, or the code itself for custom categories. */
    public String displayName(String code) {
        return find(code).map(QcCategory::name).orElse(code);
    }

    private static String key(String s) {
        return s.trim().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
