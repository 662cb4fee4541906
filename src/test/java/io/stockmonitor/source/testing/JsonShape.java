package io.stockmonitor.source.testing;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shape of a JSON value: for an object its field names, each with the shape of its value; for an array the
 * shape of its first element; otherwise the JSON type (string, number, boolean, null). Two messages "look the same"
 * when their shapes are equal, which is how emulator tests hold the emulators to the providers' documented examples.
 * Integers and decimals are both "number" (a price of 127 is as valid as 126.55); tests that need integers (ids,
 * sizes, milliseconds) check them separately with {@link #isIntegral}.
 */
public final class JsonShape {
    /** Lenient about what documentation pages print: trailing commas, comments. */
    public static final ObjectMapper DOC_READER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build();

    private JsonShape() {
    }

    public static String of(JsonNode node) {
        StringBuilder b = new StringBuilder();
        append(node, b);
        return b.toString();
    }

    private static void append(JsonNode n, StringBuilder b) {
        switch (n.getNodeType()) {
            case OBJECT -> {
                Map<String, JsonNode> sorted = new TreeMap<>();
                for (Map.Entry<String, JsonNode> e : n.properties()) {
                    sorted.put(e.getKey(), e.getValue());
                }
                b.append('{');
                String sep = "";
                for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
                    b.append(sep).append(e.getKey()).append(':');
                    append(e.getValue(), b);
                    sep = ",";
                }
                b.append('}');
            }
            case ARRAY -> {
                b.append('[');
                if (n.size() > 0) {
                    append(n.get(0), b);
                }
                b.append(']');
            }
            case STRING -> b.append("string");
            case NUMBER -> b.append("number");
            case BOOLEAN -> b.append("boolean");
            case NULL -> b.append("null");
            default -> b.append(n.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    public static boolean isIntegral(JsonNode n) {
        return n != null && n.isIntegralNumber();
    }

    /** A documented example kept verbatim as a test resource next to {@code anchor}'s package. */
    public static String resource(Class<?> anchor, String name) {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + name + " beside " + anchor.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a documented example (leniently, see {@link #DOC_READER}). */
    public static JsonNode doc(Class<?> anchor, String name) {
        return parse(DOC_READER, resource(anchor, name));
    }

    public static JsonNode parse(ObjectMapper mapper, String text) {
        try {
            return mapper.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
