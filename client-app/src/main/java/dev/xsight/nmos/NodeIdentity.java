package dev.xsight.nmos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * The IDs of the node's resources. IS-04 asks that a resource keeps its ID across restarts (a controller's routes and
 * a registry's records refer to it), so they are made once and kept in {@value #FILE_NAME} in the settings folder.
 *
 * @param node the Node
 * @param device the one Device
 * @param receiver the one JPEG XS video Receiver
 */
public record NodeIdentity(UUID node, UUID device, UUID receiver) {
    /** The file in the settings folder. */
    public static final String FILE_NAME = "nmos-node.json";

    /** Fresh random IDs. */
    public static NodeIdentity random() {
        return new NodeIdentity(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    }

    /**
     * The IDs kept in {@code folder}; made and written there on first use. A file that cannot be read as IDs is an
     * error (replacing it silently would orphan the node's routes), naming the file.
     */
    public static NodeIdentity loadOrCreate(Path folder) throws IOException {
        Path file = folder.resolve(FILE_NAME);
        ObjectMapper json = new ObjectMapper();
        if (Files.isRegularFile(file)) {
            try {
                JsonNode n = json.readTree(file.toFile());
                return new NodeIdentity(UUID.fromString(n.path("node").asText()),
                        UUID.fromString(n.path("device").asText()), UUID.fromString(n.path("receiver").asText()));
            } catch (IOException | IllegalArgumentException e) {
                throw new IOException(file + ": not the node's IDs (" + e.getMessage() + "); move it away to make new"
                        + " ones", e);
            }
        }
        NodeIdentity ids = random();
        Files.createDirectories(folder);
        ObjectNode n = json.createObjectNode();
        n.put("node", ids.node.toString());
        n.put("device", ids.device.toString());
        n.put("receiver", ids.receiver.toString());
        Path tmp = Files.createTempFile(folder, FILE_NAME, ".tmp");
        try {
            json.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), n);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return ids;
    }
}
