package dev.xsight.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** Drawings to and from their JSON form (an array of objects with a {@code "type"}). Thread-safe. */
public final class DrawingCodec {
    private static final TypeReference<List<Drawing>> LIST = new TypeReference<>() {
    };

    /** Jackson is loaded on first real use: most notes have no drawings, and a CLI start-up should not pay for it. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private DrawingCodec() {
    }

    public static String toJson(List<Drawing> drawings) {
        if (drawings.isEmpty()) {
            return "[]";
        }
        try {
            return Json.MAPPER.writerFor(LIST).writeValueAsString(drawings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("drawings not serialisable", e);
        }
    }

    /** @throws IllegalArgumentException naming what is wrong in {@code json} */
    public static List<Drawing> fromJson(String json) {
        if (json == null || json.isBlank() || json.strip().equals("[]")) {
            return List.of();
        }
        try {
            return List.copyOf(Json.MAPPER.readValue(json, LIST));
        } catch (JsonProcessingException e) {
            Throwable c = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            throw new IllegalArgumentException("bad drawings: " + (c.getMessage() == null ? c : c.getMessage())
                    .toString().lines().findFirst().orElse(""), e);
        }
    }

    static ObjectMapper mapper() {
        return Json.MAPPER;
    }

    /** A list of strings as a JSON array; the empty list without loading Jackson. */
    static String stringsToJson(List<String> values) {
        if (values.isEmpty()) {
            return "[]";
        }
        try {
            return Json.MAPPER.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @throws IllegalArgumentException if {@code json} is not an array of strings */
    static List<String> stringsFromJson(String json) {
        if (json == null || json.strip().equals("[]")) {
            return List.of();
        }
        try {
            return List.of(Json.MAPPER.readValue(json, String[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad list " + json, e);
        }
    }
}
