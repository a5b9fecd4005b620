package dev.xsight.nmos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Our JSON schemas of what the NMOS APIs answer ({@code src/test/resources/nmos-schemas}, written from the IS-04,
 * IS-05 and BCP-004-01 texts), checked with a JSON-schema library.
 */
final class Schemas {
    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> LOADED = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Schemas() {
    }

    /** Fails with every violation when {@code n} does not follow {@code name}.json. */
    static void assertValid(String name, JsonNode n) {
        Schema s = LOADED.computeIfAbsent(name, Schemas::load);
        List<String> errors = s.validate(n).stream().map(Object::toString).toList();
        assertEquals(List.of(), errors, name + ".json against " + n);
    }

    /** True when {@code n} follows {@code name}.json (for checking that the schemas do reject). */
    static boolean valid(String name, JsonNode n) {
        return LOADED.computeIfAbsent(name, Schemas::load).validate(n).isEmpty();
    }

    private static Schema load(String name) {
        try (InputStream in = Schemas.class.getResourceAsStream("/nmos-schemas/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no schema " + name);
            }
            return REGISTRY.getSchema(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
