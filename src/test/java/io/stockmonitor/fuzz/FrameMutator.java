package io.stockmonitor.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns a valid frame into a hostile one: fields dropped, repeated or reordered, values of the wrong type, huge,
 * non-finite, negative or fractional numbers, overlong or nasty strings (lone surrogates, control characters, ANSI
 * escapes, newlines), deep nesting, unknown fields and types; then, on the text, truncation, bit flips, garbage,
 * trailing content, empty and oversize frames, binary frames.
 *
 * <p>Hand-written, with {@link ProtocolFrames} and {@link FuzzRun}, instead of a property-based testing library: the
 * one named in issue 10, jqwik, is not to be used here because its maintainers have asked that AI agents not use it
 * (github.com/jqwik-team/jqwik issue #716, and the library prints that request), so neither are its forks; the other
 * JVM libraries (jetCheck, junit-quickcheck) are not in the local Maven mirror. What the tests need is small: a seeded
 * generator, a mutator, a replayable seed, and shrinking by removal.
 *
 * <p>Every step carries its own seed, so removing one step while shrinking leaves the others as they were.
 */
public final class FrameMutator {
    /** What one step does. */
    public enum Kind {
        DROP, DUPLICATE, REORDER, WRONG_TYPE, HUGE_NUMBER, NON_FINITE, NEGATIVE_OR_ZERO, FRACTION, OVERLONG_STRING,
        NASTY_STRING, DEEP_NESTING, UNKNOWN_FIELD, TYPE_SWAP,
        TRUNCATE, BYTE_FLIP, GARBAGE, TRAILING, NOT_AN_OBJECT, EMPTY, OVERSIZE, BINARY;

        boolean onText() {
            return ordinal() >= TRUNCATE.ordinal();
        }
    }

    /** One mutation: its kind and the seed of its choices. */
    public record Step(Kind kind, long seed) {
    }

    private static final String[] WRONG_TYPED = {"\"x\"", "\"12.5\"", "\"100\"", "1", "0", "true", "false", "null",
        "[]", "{}", "[1,2]", "{\"a\":1}", "\"\""};
    private static final String[] HUGE = {"1e400", "-1e400", "99999999999999999999", "-9223372036854775809",
        "9223372036854775807", "-9223372036854775808", "1.7976931348623157e308", "4.9e-324", "2147483648",
        "123456789012345678901234567890.5", "21474836.48", "1e15", "1000000000001"};
    private static final String[] NON_FINITE = {"NaN", "Infinity", "-Infinity", "\"NaN\"", "\"Infinity\"",
        "\"-Infinity\"", "nan", "+1", ".5", "1.", "01", "-", "1e", "0x10"};
    private static final String[] NOT_POSITIVE = {"0", "-0", "-0.0", "0.0", "-1", "-100.25", "-1e-9", "0e0"};
    private static final String[] FRACTIONS = {"100.5", "1.0", "1e2", "1E+2", "0.1", "12.345678901234567", "1.5e3",
        "0.000000001"};
    private static final String[] NASTY = {"\uD800", "AB\uDC00", "x\uDBFF", "\u0000", "a\nb", "\u001b[31mred",
        "\r\n12:00:00.000 INFO  forged line", "\u202Eevil", "\uFEFF", "\u0085", "\t", "\u007f", "€", "😀", "",
        " AAPL", "AAPL ", "aapl", "../../etc/passwd", "%s%n", "${jndi:ldap://x}"};
    private static final String[] RAW_NASTY = {"\"\\ud800\"", "\"\\udc00x\"", "\"\\u0000\"", "\"\\u001b[2J\"",
        "\"a\\nb\"", "\"\\\"\"", "\"\\\\\""};
    private static final String[] FIELD_NAMES = {"x", "Type", "TYPE", "extra", "__proto__", "", "id ", "\u0000",
        "symbol\u0000", "data2"};
    private static final String[] TRAILERS = {" x", "}", "]", ",", " {\"type\":\"ping\",\"id\":1}", "\n", " ",
        "garbage", "\u0000", "{}"};
    private static final String[] NOT_OBJECTS = {"null", "5", "\"str\"", "[]", "true", "[{}]", "-0", "\"{}\""};
    private static final String[] EMPTIES = {"", " ", "\n", "\t\r\n "};

    private final List<String> types;
    private final int oversizeChars;

    /**
     * @param types         values a {@link Kind#TYPE_SWAP} may put into a {@code type} field (the protocol's own types
     *                      go in, so a frame can claim to be another frame)
     * @param oversizeChars an {@link Kind#OVERSIZE} frame is longer than this
     */
    public FrameMutator(List<String> types, int oversizeChars) {
        this.types = List.copyOf(types);
        this.oversizeChars = oversizeChars;
    }

    /** One to three steps; text steps are rarer than tree steps, so most frames stay readable JSON. */
    public List<Step> pick(SplittableRandom r) {
        int n = 1 + (r.nextInt(4) == 0 ? 1 + r.nextInt(2) : 0);
        List<Step> steps = new ArrayList<>();
        Kind[] kinds = Kind.values();
        for (int i = 0; i < n; i++) {
            Kind k = kinds[r.nextInt(kinds.length)];
            if ((k == Kind.OVERSIZE || k == Kind.OVERLONG_STRING) && r.nextInt(3) != 0) {
                k = Kind.WRONG_TYPE; // big frames are slow to send: fewer of them
            }
            steps.add(new Step(k, r.nextLong()));
        }
        return steps;
    }

    /** {@code base} (not changed) with {@code steps} applied: tree steps first, in order, then text steps. */
    public FuzzFrame apply(JsonDraft base, List<Step> steps) {
        JsonDraft.Arr holder = JsonDraft.array(base.copy());
        List<String> done = new ArrayList<>();
        for (Step s : steps) {
            if (!s.kind().onText()) {
                done.add(mutateTree(holder, s));
            }
        }
        String text = holder.items.isEmpty() ? "" : holder.items.get(0).render();
        boolean binary = false;
        for (Step s : steps) {
            if (s.kind() == Kind.BINARY) {
                binary = true;
                done.add("binary");
            } else if (s.kind().onText()) {
                SplittableRandom r = new SplittableRandom(s.seed());
                text = mutateText(text, s.kind(), r);
                done.add(s.kind().name().toLowerCase());
            }
        }
        return new FuzzFrame(text, binary, List.copyOf(done));
    }

    // ---------------------------------------------------------------- the tree

    /** A place in the tree: an object field or an array item. */
    private record Slot(JsonDraft parent, int index) {
        JsonDraft get() {
            return parent instanceof JsonDraft.Obj o ? o.fields.get(index).value : ((JsonDraft.Arr) parent).items.get(index);
        }

        void set(JsonDraft value) {
            if (parent instanceof JsonDraft.Obj o) {
                o.fields.get(index).value = value;
            } else {
                ((JsonDraft.Arr) parent).items.set(index, value);
            }
        }

        String name() {
            return parent instanceof JsonDraft.Obj o ? o.fields.get(index).name : "[" + index + "]";
        }
    }

    private static void collect(JsonDraft node, List<Slot> out) {
        if (node instanceof JsonDraft.Obj o) {
            for (int i = 0; i < o.fields.size(); i++) {
                out.add(new Slot(o, i));
                collect(o.fields.get(i).value, out);
            }
        } else if (node instanceof JsonDraft.Arr a) {
            for (int i = 0; i < a.items.size(); i++) {
                out.add(new Slot(a, i));
                collect(a.items.get(i), out);
            }
        }
    }

    private static void collectObjects(JsonDraft node, List<JsonDraft.Obj> out) {
        if (node instanceof JsonDraft.Obj o) {
            out.add(o);
            o.fields.forEach(f -> collectObjects(f.value, out));
        } else if (node instanceof JsonDraft.Arr a) {
            a.items.forEach(i -> collectObjects(i, out));
        }
    }

    /** One of the tree's objects, or null when it has none. */
    private static JsonDraft.Obj anyObject(JsonDraft.Arr holder, SplittableRandom r) {
        List<JsonDraft.Obj> objects = new ArrayList<>();
        collectObjects(holder, objects);
        return objects.isEmpty() ? null : objects.get(r.nextInt(objects.size()));
    }

    private String mutateTree(JsonDraft.Arr holder, Step step) {
        SplittableRandom r = new SplittableRandom(step.seed());
        List<Slot> slots = new ArrayList<>();
        collect(holder, slots);
        String kind = step.kind().name().toLowerCase();
        if (slots.isEmpty()) {
            return kind + " (nothing to mutate)";
        }
        // Slot 0 is the root itself; fields and items are what most steps are about.
        Slot slot = slots.size() > 1 ? slots.get(1 + r.nextInt(slots.size() - 1)) : slots.get(0);
        switch (step.kind()) {
            case DROP -> {
                String name = slot.name();
                if (slot.parent() instanceof JsonDraft.Obj o) {
                    o.fields.remove(slot.index());
                } else {
                    ((JsonDraft.Arr) slot.parent()).items.remove(slot.index());
                }
                return kind + " " + name;
            }
            case DUPLICATE -> {
                JsonDraft again = r.nextBoolean() ? slot.get().copy() : JsonDraft.raw(pickOf(r, WRONG_TYPED));
                if (slot.parent() instanceof JsonDraft.Obj o) {
                    o.fields.add(slot.index() + 1, new JsonDraft.Field(o.fields.get(slot.index()).name, again));
                } else {
                    ((JsonDraft.Arr) slot.parent()).items.add(slot.index() + 1, again);
                }
                return kind + " " + slot.name() + " as " + again.render();
            }
            case REORDER -> {
                JsonDraft.Obj o = anyObject(holder, r);
                if (o == null) {
                    return kind + " (no object)";
                }
                Collections.shuffle(o.fields, new java.util.Random(r.nextLong()));
                return kind;
            }
            case WRONG_TYPE -> {
                return replace(slot, pickOf(r, WRONG_TYPED), kind);
            }
            case HUGE_NUMBER -> {
                return replace(slot, pickOf(r, HUGE), kind);
            }
            case NON_FINITE -> {
                return replace(slot, pickOf(r, NON_FINITE), kind);
            }
            case NEGATIVE_OR_ZERO -> {
                return replace(slot, pickOf(r, NOT_POSITIVE), kind);
            }
            case FRACTION -> {
                return replace(slot, pickOf(r, FRACTIONS), kind);
            }
            case OVERLONG_STRING -> {
                int n = r.nextInt(4) == 0 ? 70_000 + r.nextInt(10_000) : 200 + r.nextInt(5_000);
                slot.set(JsonDraft.string("Q".repeat(n)));
                return kind + " " + slot.name() + " (" + n + " chars)";
            }
            case NASTY_STRING -> {
                String text = r.nextInt(3) == 0 ? pickOf(r, RAW_NASTY) : JsonDraft.quote(pickOf(r, NASTY));
                return replace(slot, text, kind);
            }
            case DEEP_NESTING -> {
                int depth = r.nextInt(5) == 0 ? 1_000 + r.nextInt(2_000) : 5 + r.nextInt(30);
                boolean arrays = r.nextBoolean();
                String open = arrays ? "[" : "{\"a\":";
                String close = arrays ? "]" : "}";
                String inner = slot.get().render();
                slot.set(JsonDraft.raw(open.repeat(depth) + inner + close.repeat(depth)));
                return kind + " " + slot.name() + " (" + depth + ")";
            }
            case UNKNOWN_FIELD -> {
                JsonDraft.Obj o = anyObject(holder, r);
                if (o == null) {
                    return kind + " (no object)";
                }
                String name = pickOf(r, FIELD_NAMES);
                String value = pickOf(r, WRONG_TYPED);
                o.fields.add(r.nextInt(o.fields.size() + 1), new JsonDraft.Field(name, JsonDraft.raw(value)));
                return kind + " " + JsonDraft.quote(name) + ":" + value;
            }
            case TYPE_SWAP -> {
                JsonDraft root = holder.items.get(0);
                String type = r.nextInt(4) == 0 ? pickOf(r, new String[] {"unknown", "TICK", "tick ", "", "Tick",
                    "tick\u0000", "quote"}) : types.get(r.nextInt(types.size()));
                if (root instanceof JsonDraft.Obj o) {
                    o.fields.removeIf(f -> f.name.equals("type"));
                    o.fields.add(r.nextInt(o.fields.size() + 1), new JsonDraft.Field("type", JsonDraft.string(type)));
                }
                return kind + " " + type;
            }
            default -> throw new IllegalArgumentException("not a tree step: " + step.kind());
        }
    }

    private static String replace(Slot slot, String text, String kind) {
        slot.set(JsonDraft.raw(text));
        return kind + " " + slot.name() + "=" + text;
    }

    // ---------------------------------------------------------------- the text

    private String mutateText(String text, Kind kind, SplittableRandom r) {
        return switch (kind) {
            case TRUNCATE -> text.isEmpty() ? text : text.substring(0, r.nextInt(text.length()));
            case BYTE_FLIP -> flipBits(text, r);
            case GARBAGE -> {
                int at = text.isEmpty() ? 0 : r.nextInt(text.length() + 1);
                String junk = pickOf(r, new String[] {"{", "}", "[", "]", ",", ":", "\"", "\\", "\u0000", "\uD800",
                    "\u00ff", "x", "1", "-", "e"});
                yield text.substring(0, at) + junk + text.substring(at);
            }
            case TRAILING -> text + pickOf(r, TRAILERS);
            case NOT_AN_OBJECT -> r.nextBoolean() ? "[" + text + "]" : pickOf(r, NOT_OBJECTS);
            case EMPTY -> pickOf(r, EMPTIES);
            case OVERSIZE -> oversize(text, r);
            default -> throw new IllegalArgumentException("not a text step: " + kind);
        };
    }

    private static String flipBits(String text, SplittableRandom r) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0) {
            return text;
        }
        int flips = 1 + r.nextInt(4);
        for (int i = 0; i < flips; i++) {
            bytes[r.nextInt(bytes.length)] ^= (byte) (1 << r.nextInt(8));
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The frame with a padding field in front, so it is longer than the bound whatever it was. */
    private String oversize(String text, SplittableRandom r) {
        int pad = oversizeChars + 1 + r.nextInt(1_000);
        if (text.startsWith("{")) {
            return "{\"pad\":\"" + "P".repeat(pad) + "\"" + (text.length() > 2 ? "," : "") + text.substring(1);
        }
        return text + " ".repeat(pad);
    }

    private static String pickOf(SplittableRandom r, String[] options) {
        return options[r.nextInt(options.length)];
    }
}
