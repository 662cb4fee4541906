package io.stockmonitor.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;

/**
 * JSON mapping of every {@link Message}, through Jackson databind. Thread-safe; share one instance.
 *
 * <p>This is the general path for control frames (welcome, subscribe, snapshot, ...). The per-tick hot paths
 * (the server serializing a tick once for all subscribers, the client parsing ticks) use Jackson's streaming API
 * directly and are tested against this codec for equality.
 */
public final class MessageCodec {
    private final ObjectMapper mapper;
    private final ObjectReader reader;
    private final ObjectWriter writer;
    /** Reads a frame's tokens only (no recursion), however deep it nests: to judge a frame that failed to decode. */
    private final JsonFactory syntax = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(Integer.MAX_VALUE)
                    .maxStringLength(Protocol.MAX_SERVER_FRAME_BYTES).build())
            .build();

    public MessageCodec() {
        this(false);
    }

    /**
     * A codec that reads only the frames of protocol v1: a v2 type ({@code history}, {@code bars}) is an unknown
     * type to it, exactly as before v2 existed, so a v1 peer gets the same answers word for word.
     */
    public static MessageCodec v1() {
        return new MessageCodec(true);
    }

    private MessageCodec(boolean v1Only) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(Protocol.MAX_SERVER_FRAME_BYTES)
                        .maxNestingDepth(Protocol.MAX_NESTING_DEPTH)
                        .build())
                .build();
        JsonMapper.Builder builder = JsonMapper.builder(factory);
        if (v1Only) {
            builder.addMixIn(Message.class, V1Types.class);
        }
        mapper = builder
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                // A number is a number: "12" is not 12, 100.7 is not 100 (PROTOCOL.md: a field of the wrong kind).
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
                .build();
        reader = mapper.readerFor(Message.class);
        writer = mapper.writerFor(Message.class);
    }

    /** The subtypes of v1, replacing {@link Message}'s own list in a {@link #v1()} codec. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Message.Welcome.class, name = "welcome"),
        @JsonSubTypes.Type(value = Message.Subscribe.class, name = "subscribe"),
        @JsonSubTypes.Type(value = Message.Unsubscribe.class, name = "unsubscribe"),
        @JsonSubTypes.Type(value = Message.Ping.class, name = "ping"),
        @JsonSubTypes.Type(value = Message.Subscribed.class, name = "subscribed"),
        @JsonSubTypes.Type(value = Message.Unsubscribed.class, name = "unsubscribed"),
        @JsonSubTypes.Type(value = Message.Snapshot.class, name = "snapshot"),
        @JsonSubTypes.Type(value = Message.Tick.class, name = "tick"),
        @JsonSubTypes.Type(value = Message.Heartbeat.class, name = "heartbeat"),
        @JsonSubTypes.Type(value = Message.Pong.class, name = "pong"),
        @JsonSubTypes.Type(value = Message.Error.class, name = "error"),
    })
    private interface V1Types {
    }

    /** The configured mapper, for callers that need Jackson's streaming API with the same settings. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** One frame's text for {@code message}. */
    public String encode(Message message) {
        try {
            return writer.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    /**
     * Reads one frame: exactly one JSON object, nothing after it. A frame wrong in several ways is named by the first
     * of: not one JSON object, nested too deep, {@code type}, the other fields.
     *
     * @throws ProtocolException with {@link ErrorCode#BAD_JSON} when the text is not exactly one JSON object (not
     *     JSON, empty, another kind of value, or more after it), {@link ErrorCode#BAD_REQUEST} when it nests deeper
     *     than {@link Protocol#MAX_NESTING_DEPTH}, {@link ErrorCode#UNKNOWN_TYPE} when {@code type} is missing or
     *     unknown, and {@link ErrorCode#BAD_REQUEST} when fields are missing or of the wrong kind
     */
    public Message decode(String frame) throws ProtocolException {
        ProtocolException failure;
        try (JsonParser parser = mapper.createParser(frame)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new ProtocolException(ErrorCode.BAD_JSON, "frame is not a JSON object", null);
            }
            Message message = reader.readValue(parser);
            if (parser.nextToken() != null) {
                // A reader that stopped at the first value would act on half of what was sent.
                throw new ProtocolException(ErrorCode.BAD_JSON, "frame holds more than one JSON object", null);
            }
            return message;
        } catch (InvalidTypeIdException e) {
            String id = e.getTypeId();
            failure = new ProtocolException(ErrorCode.UNKNOWN_TYPE,
                    id == null ? "frame has no \"type\"" : "unknown message type \"" + id + "\"", e);
        } catch (StreamReadException e) {
            failure = new ProtocolException(ErrorCode.BAD_JSON, "frame is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            failure = new ProtocolException(ErrorCode.BAD_REQUEST, "malformed message: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            failure = new ProtocolException(ErrorCode.BAD_JSON, "frame is not valid JSON: " + e.getMessage(), e);
        }
        // The decoder stops at the first fault it meets (a type read before the broken rest, say): name the first.
        ProtocolException shape = shapeProblem(frame);
        throw shape != null ? shape : failure;
    }

    /** Null when {@code frame} is one JSON object nesting at most {@link Protocol#MAX_NESTING_DEPTH}, else why not. */
    private ProtocolException shapeProblem(String frame) {
        try (JsonParser p = syntax.createParser(frame)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return new ProtocolException(ErrorCode.BAD_JSON, "frame is not a JSON object", null);
            }
            int depth = 1;
            int deepest = 1;
            while (depth > 0) {
                JsonToken t = p.nextToken();
                if (t == null) {
                    return new ProtocolException(ErrorCode.BAD_JSON, "frame is not valid JSON: cut short", null);
                }
                if (t.isStructStart()) {
                    deepest = Math.max(deepest, ++depth);
                } else if (t.isStructEnd()) {
                    depth--;
                }
            }
            if (p.nextToken() != null) {
                return new ProtocolException(ErrorCode.BAD_JSON, "frame holds more than one JSON object", null);
            }
            return deepest > Protocol.MAX_NESTING_DEPTH ? new ProtocolException(ErrorCode.BAD_REQUEST,
                    "frame nests deeper than " + Protocol.MAX_NESTING_DEPTH, null) : null;
        } catch (IOException e) {
            return new ProtocolException(ErrorCode.BAD_JSON, "frame is not valid JSON: " + e.getMessage(), e);
        }
    }
}
