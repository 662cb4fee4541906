package io.stockmonitor.source.kraken;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockmonitor.source.RestGate;
import java.io.IOException;

/**
 * Kraken's "slow down", which comes as HTTP 200 with an {@code error} array ("HTTP status codes are generally not
 * used by our API to convey information about the state of requests"): {@code EAPI:Rate limit exceeded} (documented),
 * {@code EGeneral:Too many requests} (what public clients observe on the public endpoints), and the service's own
 * {@code EService:Unavailable} / {@code EService:Busy} ("retry later"). Each pauses every call of the gate: 5 s at
 * first, doubling while Kraken keeps answering so ("additional calls would be restricted for a few seconds, or
 * possibly longer if calls continue to be made while the rate limits are active"), back to 5 s after an answer that
 * is not one. One instance per {@link RestGate}; feed thread only.
 */
final class KrakenThrottle implements RestGate.Throttle {
    static final String RATE_LIMIT_EXCEEDED = "EAPI:Rate limit exceeded";
    static final String TOO_MANY_REQUESTS = "EGeneral:Too many requests";
    static final String SERVICE_UNAVAILABLE = "EService:Unavailable";
    static final String SERVICE_BUSY = "EService:Busy";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A "slow down" answer is a few dozen bytes; a longer body is a result, not worth parsing twice. */
    private static final int MAX_ERROR_BODY_CHARS = 4_096;

    private final long firstPauseMs;
    private final long maxPauseMs;
    private long nextPauseMs;

    KrakenThrottle(long firstPauseMs, long maxPauseMs) {
        this.firstPauseMs = firstPauseMs;
        this.maxPauseMs = Math.max(firstPauseMs, maxPauseMs);
        this.nextPauseMs = firstPauseMs;
    }

    @Override
    public long pauseMs(String body) {
        if (!slowDown(body)) {
            nextPauseMs = firstPauseMs;
            return 0;
        }
        long pause = nextPauseMs;
        nextPauseMs = Math.min(maxPauseMs, nextPauseMs * 2);
        return pause;
    }

    /** True when {@code body} is an answer whose {@code error} array asks the client to wait. */
    static boolean slowDown(String body) {
        if (body.length() > MAX_ERROR_BODY_CHARS || !(body.contains("EAPI:Rate") || body.contains("EGeneral:Too")
                || body.contains("EService:"))) {
            return false;
        }
        try {
            JsonNode errors = JSON.readTree(body).path("error");
            for (JsonNode e : errors) {
                if (isSlowDown(e.asText(""))) {
                    return true;
                }
            }
        } catch (IOException e) {
            // Not JSON: whoever reads the answer says so.
        }
        return false;
    }

    /** One of Kraken's error codes that means "wait and try again". */
    static boolean isSlowDown(String code) {
        return code.startsWith(RATE_LIMIT_EXCEEDED) || code.startsWith(TOO_MANY_REQUESTS)
                || code.startsWith(SERVICE_UNAVAILABLE) || code.startsWith(SERVICE_BUSY);
    }
}
