package io.stockmonitor.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockmonitor.protocol.ErrorCode;
import io.stockmonitor.protocol.Protocol;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Set;

/**
 * What a server must answer a client frame with, by the letter of docs/PROTOCOL.md, read by {@link StrictJson}: a
 * valid request (its own replies, or a per-symbol error), an invalid one (an error with one of {@link #errors}, and
 * nothing else), an ambiguous one (repeated keys: any answer), or a frame over the size limit (close 1009). A frame
 * wrong in several ways gets the code of the first of: not one JSON object, nested too deep, its type, its fields.
 *
 * @param id the request's id when it has one that fits a long, else null
 */
public record RequestVerdict(Kind kind, Set<ErrorCode> errors, Long id) {
    public enum Kind { VALID, INVALID, AMBIGUOUS, TOO_BIG }

    /** Errors a valid request may get about one of its symbols or its rate. */
    public static final Set<ErrorCode> PER_SYMBOL = EnumSet.of(ErrorCode.UNKNOWN_SYMBOL, ErrorCode.RATE_LIMITED,
            ErrorCode.TOO_MANY_SYMBOLS);
    private static final Set<String> REQUESTS = Set.of("subscribe", "unsubscribe", "ping");

    private static RequestVerdict invalid(Long id, ErrorCode... codes) {
        return new RequestVerdict(Kind.INVALID, EnumSet.of(codes[0], codes), id);
    }

    /** The verdict on {@code frame} as the server receives it (text frames travel as UTF-8). */
    public static RequestVerdict of(FuzzFrame frame) {
        byte[] utf8 = frame.text().getBytes(StandardCharsets.UTF_8);
        if (utf8.length > Protocol.MAX_CLIENT_FRAME_BYTES) {
            return new RequestVerdict(Kind.TOO_BIG, Set.of(), null);
        }
        if (frame.binary()) {
            return invalid(null, ErrorCode.BAD_REQUEST);
        }
        StrictJson.Reading reading = StrictJson.read(new String(utf8, StandardCharsets.UTF_8));
        switch (reading.shape()) {
            case NOT_JSON, NOT_AN_OBJECT -> {
                return invalid(null, ErrorCode.BAD_JSON);
            }
            case DUPLICATE_KEYS -> {
                return new RequestVerdict(Kind.AMBIGUOUS, Set.of(), null);
            }
            case TOO_DEEP -> {
                return invalid(null, ErrorCode.BAD_REQUEST);
            }
            default -> {
            }
        }
        JsonNode n = reading.node();
        Long id = StrictJson.longValue(n.get("id"));
        if (reading.depth() > Protocol.MAX_NESTING_DEPTH) {
            return invalid(id, ErrorCode.BAD_REQUEST);
        }
        JsonNode type = n.get("type");
        if (type == null) {
            return invalid(id, ErrorCode.UNKNOWN_TYPE);
        }
        if (!type.isTextual()) {
            return invalid(id, ErrorCode.UNKNOWN_TYPE, ErrorCode.BAD_REQUEST);
        }
        if (!REQUESTS.contains(type.textValue())) {
            // A server type is decoded before it is refused: its own missing fields may be found first.
            return ProtocolFrames.TYPES.contains(type.textValue())
                    ? invalid(id, ErrorCode.UNKNOWN_TYPE, ErrorCode.BAD_REQUEST) : invalid(id, ErrorCode.UNKNOWN_TYPE);
        }
        if (id == null) {
            return invalid(null, ErrorCode.BAD_REQUEST);
        }
        if (type.textValue().equals("ping")) {
            return new RequestVerdict(Kind.VALID, PER_SYMBOL, id);
        }
        JsonNode symbols = n.get("symbols");
        if (symbols == null || !symbols.isArray() || symbols.isEmpty()) {
            return invalid(id, ErrorCode.BAD_REQUEST);
        }
        boolean allText = true;
        for (JsonNode s : symbols) {
            allText &= s.isTextual();
        }
        if (!allText) {
            return symbols.size() > Protocol.MAX_SYMBOLS_PER_REQUEST
                    ? invalid(id, ErrorCode.BAD_REQUEST, ErrorCode.TOO_MANY_SYMBOLS) : invalid(id, ErrorCode.BAD_REQUEST);
        }
        if (type.textValue().equals("subscribe") && !validResume(n.get("resume"))) {
            return invalid(id, ErrorCode.BAD_REQUEST);
        }
        return new RequestVerdict(Kind.VALID, PER_SYMBOL, id);
    }

    /** Absent, null, or {@code {"epoch":"...","after":{"SYM":n>=0,...}}}. */
    private static boolean validResume(JsonNode resume) {
        if (resume == null || resume.isNull()) {
            return true;
        }
        if (!resume.isObject() || resume.get("epoch") == null || !resume.get("epoch").isTextual()
                || resume.get("after") == null || !resume.get("after").isObject()) {
            return false;
        }
        for (Iterator<JsonNode> it = resume.get("after").elements(); it.hasNext(); ) {
            Long after = StrictJson.longValue(it.next());
            if (after == null || after < 0) {
                return false;
            }
        }
        return true;
    }
}
