package io.stockmonitor.fuzz;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Iterator;

/**
 * The reference reading of a frame, independent of the code under test: exactly one JSON value (nothing after it),
 * integers kept exact (so a range check is a real one; a fraction is never an integer whatever its value, and is
 * read as the nearest double), and duplicate keys noticed rather than silently resolved, since a frame that names a
 * field twice means whatever its reader picks.
 */
public final class StrictJson {
    /** What the text turned out to be. */
    public enum Shape { NOT_JSON, NOT_AN_OBJECT, DUPLICATE_KEYS, TOO_DEEP, OBJECT }

    /** A reading: its shape, the object when it is one, and how deep it nests. */
    public record Reading(Shape shape, JsonNode node, int depth) {
    }

    private static final ObjectMapper MAPPER = JsonMapper.builder(com.fasterxml.jackson.core.JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(5_000)
                            .maxStringLength(Integer.MAX_VALUE).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();


    /** For {@link #readings}: repeated keys are the point there, not an error. */
    private static final ObjectMapper LENIENT = MAPPER.copy().disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private StrictJson() {
    }

    public static Reading read(String text) {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (StreamConstraintsException e) {
            return new Reading(Shape.TOO_DEEP, null, Integer.MAX_VALUE);
        } catch (com.fasterxml.jackson.core.JsonParseException e) {
            return e.getMessage() != null && e.getMessage().startsWith("Duplicate field")
                    ? new Reading(Shape.DUPLICATE_KEYS, null, 0) : new Reading(Shape.NOT_JSON, null, 0);
        } catch (Exception e) {
            return new Reading(Shape.NOT_JSON, null, 0);
        }
        if (node == null || node.isMissingNode()) {
            return new Reading(Shape.NOT_JSON, null, 0);
        }
        int depth = depth(node);
        return node.isObject() ? new Reading(Shape.OBJECT, node, depth) : new Reading(Shape.NOT_AN_OBJECT, node, depth);
    }

    /**
     * Every way a top-level object with repeated keys can be read, each key taking one of its values (a reader may
     * keep the first, the last, or the last it could use); empty when the text is not such an object.
     */
    public static java.util.List<JsonNode> readings(String text) {
        java.util.Map<String, java.util.List<JsonNode>> values = new java.util.LinkedHashMap<>();
        try (JsonParser p = LENIENT.createParser(text)) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                return java.util.List.of();
            }
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                values.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(LENIENT.readTree(p));
            }
            if (p.nextToken() != null) {
                return java.util.List.of();
            }
        } catch (Exception e) {
            return java.util.List.of();
        }
        java.util.List<com.fasterxml.jackson.databind.node.ObjectNode> out = java.util.List.of(LENIENT.createObjectNode());
        for (java.util.Map.Entry<String, java.util.List<JsonNode>> e : values.entrySet()) {
            java.util.List<com.fasterxml.jackson.databind.node.ObjectNode> next = new java.util.ArrayList<>();
            for (com.fasterxml.jackson.databind.node.ObjectNode o : out) {
                for (JsonNode v : e.getValue()) {
                    next.add(o.deepCopy().set(e.getKey(), v));
                }
            }
            out = next;
        }
        return java.util.List.copyOf(out);
    }

    /** Nesting depth: 1 for an object of scalars. */
    public static int depth(JsonNode node) {
        if (!node.isContainerNode()) {
            return 0;
        }
        int deepest = 0;
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            deepest = Math.max(deepest, depth(it.next()));
        }
        return deepest + 1;
    }

    /** An integer that fits a long, or null (a fraction, a string, or out of range). */
    public static Long longValue(JsonNode node) {
        if (node == null || !node.isIntegralNumber()) {
            return null;
        }
        return node.bigIntegerValue().bitLength() < 64 ? node.longValue() : null;
    }

    /** A JSON number as the nearest double (infinite beyond the doubles), or null for anything else. */
    public static Double doubleValue(JsonNode node) {
        if (node == null || !node.isNumber()) {
            return null;
        }
        return node.isIntegralNumber() ? (Double) new java.math.BigDecimal(node.bigIntegerValue()).doubleValue()
                : (Double) node.doubleValue();
    }
}
