package io.stockmonitor.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.json.JsonMapper;

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

    public MessageCodec() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(Protocol.MAX_SERVER_FRAME_BYTES)
                        .maxNestingDepth(Protocol.MAX_NESTING_DEPTH)
                        .build())
                .build();
        mapper = JsonMapper.builder(factory)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
                .build();
        reader = mapper.readerFor(Message.class);
        writer = mapper.writerFor(Message.class);
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
     * Reads one frame.
     *
     * @throws ProtocolException with {@link ErrorCode#BAD_JSON} when the text is not JSON,
     *     {@link ErrorCode#UNKNOWN_TYPE} when {@code type} is missing or unknown, and {@link ErrorCode#BAD_REQUEST}
     *     when fields are missing or of the wrong kind
     */
    public Message decode(String frame) throws ProtocolException {
        try {
            Message message = reader.readValue(frame);
            if (message == null) {
                throw new ProtocolException(ErrorCode.BAD_JSON, "frame is not a JSON object", null);
            }
            return message;
        } catch (InvalidTypeIdException e) {
            String id = e.getTypeId();
            throw new ProtocolException(ErrorCode.UNKNOWN_TYPE,
                    id == null ? "frame has no \"type\"" : "unknown message type \"" + id + "\"", e);
        } catch (StreamReadException e) {
            throw new ProtocolException(ErrorCode.BAD_JSON, "frame is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "malformed message: " + e.getOriginalMessage(), e);
        }
    }
}
