package io.stockmonitor.fuzz;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON value as it is written, not as it is read: object fields keep their order and may repeat, and a literal is
 * whatever text it holds (so {@code NaN}, {@code 1e400} or half a token can stand where a number would). Frames are
 * built as drafts so that a mutation can drop, repeat or reorder a field, which a parsed tree cannot express.
 */
public sealed interface JsonDraft permits JsonDraft.Obj, JsonDraft.Arr, JsonDraft.Lit {

    void renderTo(StringBuilder sb);

    /** A deep copy: mutations work on copies, so one base frame serves every shrinking attempt. */
    JsonDraft copy();

    default String render() {
        StringBuilder sb = new StringBuilder(128);
        renderTo(sb);
        return sb.toString();
    }

    static Obj object() {
        return new Obj();
    }

    static Arr array(JsonDraft... items) {
        Arr a = new Arr();
        a.items.addAll(List.of(items));
        return a;
    }

    static Lit string(String s) {
        return new Lit(quote(s));
    }

    static Lit number(long n) {
        return new Lit(Long.toString(n));
    }

    /** A decimal written with exactly its digits ({@code 189.23}), never in exponent form. */
    static Lit decimal(BigDecimal d) {
        return new Lit(d.toPlainString());
    }

    static Lit raw(String text) {
        return new Lit(text);
    }

    /** JSON string syntax for {@code s}: quotes, backslashes and control characters escaped; nothing else touched. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /** {@code open}, then each of {@code n} parts separated by commas, then {@code close}. */
    private static void renderEach(StringBuilder sb, char open, int n, char close,
                                   java.util.function.IntConsumer part) {
        sb.append(open);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(',');
            }
            part.accept(i);
        }
        sb.append(close);
    }

    /** One field of an object; the value is replaced in place by mutations. */
    final class Field {
        final String name;
        JsonDraft value;

        Field(String name, JsonDraft value) {
            this.name = name;
            this.value = value;
        }
    }

    final class Obj implements JsonDraft {
        final List<Field> fields = new ArrayList<>();

        public Obj put(String name, JsonDraft value) {
            fields.add(new Field(name, value));
            return this;
        }

        public Obj put(String name, String value) {
            return put(name, string(value));
        }

        public Obj put(String name, long value) {
            return put(name, number(value));
        }

        /** The first field of that name, or null. */
        public JsonDraft get(String name) {
            for (Field f : fields) {
                if (f.name.equals(name)) {
                    return f.value;
                }
            }
            return null;
        }

        @Override
        public void renderTo(StringBuilder sb) {
            renderEach(sb, '{', fields.size(), '}', i -> {
                sb.append(quote(fields.get(i).name)).append(':');
                fields.get(i).value.renderTo(sb);
            });
        }

        @Override
        public JsonDraft copy() {
            Obj o = new Obj();
            fields.forEach(f -> o.fields.add(new Field(f.name, f.value.copy())));
            return o;
        }
    }

    final class Arr implements JsonDraft {
        final List<JsonDraft> items = new ArrayList<>();

        public Arr add(JsonDraft item) {
            items.add(item);
            return this;
        }

        @Override
        public void renderTo(StringBuilder sb) {
            renderEach(sb, '[', items.size(), ']', i -> items.get(i).renderTo(sb));
        }

        @Override
        public JsonDraft copy() {
            Arr a = new Arr();
            items.forEach(i -> a.items.add(i.copy()));
            return a;
        }
    }

    /** Literal text: a number, a string with its quotes, true, false, null, or anything a mutation wrote. */
    record Lit(String text) implements JsonDraft {
        @Override
        public void renderTo(StringBuilder sb) {
            sb.append(text);
        }

        @Override
        public JsonDraft copy() {
            return this;
        }
    }
}
