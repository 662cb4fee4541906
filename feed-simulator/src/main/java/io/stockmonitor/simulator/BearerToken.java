package io.stockmonitor.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The configured token, compared in constant time, so response times do not tell how much of a guess was right. */
final class BearerToken {
    private final byte[] token;

    private BearerToken(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    /** Null when no token is configured. */
    static BearerToken of(String token) {
        return token == null ? null : new BearerToken(token);
    }

    /** True for an {@code Authorization: Bearer <token>} header value carrying the token. */
    boolean matchesHeader(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && matches(authorization.substring(7).trim());
    }

    boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
    }
}
