package dev.xsight.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** Drawings to and from their JSON form (an array of objects with a {@code "type"}). Thread-safe. */
public final class DrawingCodec {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Drawing>> LIST = new TypeReference<>() {
    };

    private DrawingCodec() {
    }

    public static String toJson(List<Drawing> drawings) {
        try {
            return JSON.writerFor(LIST).writeValueAsString(drawings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("drawings not serialisable", e);
        }
    }

    /** @throws IllegalArgumentException naming what is wrong in {@code json} */
    public static List<Drawing> fromJson(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return List.copyOf(JSON.readValue(json, LIST));
        } catch (JsonProcessingException e) {
            Throwable c = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            throw new IllegalArgumentException("bad drawings: " + (c.getMessage() == null ? c : c.getMessage())
                    .toString().lines().findFirst().orElse(""), e);
        }
    }

    static ObjectMapper mapper() {
        return JSON;
    }
}
