package io.stockmonitor.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Duration;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * Fault controls over HTTP for demos and scripts: {@code POST /admin/drop}, {@code /admin/silence?seconds=N},
 * {@code /admin/new-epoch}, {@code /admin/delay?ms=N}, {@code /admin/duplicate?symbol=S},
 * {@code /admin/swap?symbol=S}, and {@code GET /admin/status}. Installed only with {@code --admin} (otherwise
 * {@code /admin/} is a plain 404). A request must come from a loopback address, name a loopback {@code Host}, carry
 * no foreign {@code Origin} (403 otherwise: a web page in the user's browser must not drop or silence the feed), and
 * carry {@code Authorization: Bearer T} when the feed has a token (401 otherwise).
 */
final class AdminHandler extends Handler.Abstract {
    static final String PREFIX = "/admin/";
    /** Longest silence or delay the endpoint accepts, so a typo cannot wedge a demo for hours. */
    private static final long MAX_FAULT_SECONDS = 3600;

    /** Longest admin action name quoted back in a 404. */
    private static final int MAX_ECHOED_ACTION_CHARS = 32;

    private final FeedHub hub;
    private final BearerToken token;

    AdminHandler(FeedHub hub) {
        this.hub = hub;
        this.token = BearerToken.of(hub.config().token());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (!path.startsWith(PREFIX)) {
            return false;
        }
        if (!isLoopback(Request.getRemoteAddr(request))) {
            reply(response, callback, HttpStatus.FORBIDDEN_403, Map.of("error", "admin endpoint is loopback only"));
            return true;
        }
        if (!LoopbackOrigin.isLoopbackHostHeader(request.getHeaders().get(HttpHeader.HOST))) {
            reply(response, callback, HttpStatus.FORBIDDEN_403,
                    Map.of("error", "admin endpoint answers only to a loopback Host"));
            return true;
        }
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin != null && !LoopbackOrigin.isThisServer(origin, Request.getLocalPort(request))) {
            reply(response, callback, HttpStatus.FORBIDDEN_403,
                    Map.of("error", "admin endpoint refuses cross-origin requests"));
            return true;
        }
        if (token != null && !token.matchesHeader(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"feed-simulator\"");
            reply(response, callback, HttpStatus.UNAUTHORIZED_401,
                    Map.of("error", "admin endpoint needs \"Authorization: Bearer <token>\""));
            return true;
        }
        String action = path.substring(PREFIX.length());
        boolean post = HttpMethod.POST.is(request.getMethod());
        Fields query = Request.extractQueryParameters(request);
        try {
            if (action.equals("status")) {
                reply(response, callback, HttpStatus.OK_200, hub.status());
                return true;
            }
            if (!post) {
                reply(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, Map.of("error", "use POST"));
                return true;
            }
            switch (action) {
                case "drop" -> hub.dropAllConnections();
                case "silence" -> hub.silence(Duration.ofMillis(boundedMillis(query, "seconds", 1000)));
                case "new-epoch" -> hub.restartWithNewEpoch();
                case "delay" -> hub.delayFrames(Duration.ofMillis(boundedMillis(query, "ms", 1)));
                case "duplicate" -> hub.duplicateNextTick(required(query, "symbol"));
                case "swap" -> hub.swapNextTwoTicks(required(query, "symbol"));
                default -> {
                    reply(response, callback, HttpStatus.NOT_FOUND_404, Map.of("error",
                            "no admin action " + PeerText.bounded(action, MAX_ECHOED_ACTION_CHARS)));
                    return true;
                }
            }
            reply(response, callback, HttpStatus.OK_200, Map.of("ok", true, "action", action, "epoch", hub.epoch()));
        } catch (IllegalArgumentException e) {
            reply(response, callback, HttpStatus.BAD_REQUEST_400,
                    Map.of("error", PeerText.bounded(e.getMessage(), SimulatorConfig.MAX_ERROR_MESSAGE_CHARS)));
        }
        return true;
    }

    private static long boundedMillis(Fields query, String name, long unitMillis) {
        String value = required(query, name);
        double amount;
        try {
            amount = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number: " + value);
        }
        if (!(amount >= 0) || amount * unitMillis > MAX_FAULT_SECONDS * 1000) {
            throw new IllegalArgumentException(name + " must be between 0 and " + MAX_FAULT_SECONDS + " s");
        }
        return Math.round(amount * unitMillis);
    }

    private static String required(Fields query, String name) {
        String value = query.getValue(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing query parameter " + name);
        }
        return value;
    }

    static boolean isLoopback(String address) {
        return LoopbackOrigin.isLoopbackAddress(address);
    }

    private void reply(Response response, Callback callback, int status, Map<String, ?> body)
            throws JsonProcessingException {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        Content.Sink.write(response, true, hub.codec().mapper().writeValueAsString(body) + "\n", callback);
    }
}
