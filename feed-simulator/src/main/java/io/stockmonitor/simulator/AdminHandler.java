package io.stockmonitor.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.net.InetAddress;
import java.net.UnknownHostException;
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
 * Fault controls over HTTP for demos and scripts, loopback clients only: {@code POST /admin/drop},
 * {@code /admin/silence?seconds=N}, {@code /admin/new-epoch}, {@code /admin/delay?ms=N},
 * {@code /admin/duplicate?symbol=S}, {@code /admin/swap?symbol=S}, and {@code GET /admin/status}.
 */
final class AdminHandler extends Handler.Abstract {
    static final String PREFIX = "/admin/";
    /** Longest silence or delay the endpoint accepts, so a typo cannot wedge a demo for hours. */
    private static final long MAX_FAULT_SECONDS = 3600;

    private final FeedHub hub;

    AdminHandler(FeedHub hub) {
        this.hub = hub;
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
                    reply(response, callback, HttpStatus.NOT_FOUND_404, Map.of("error", "no admin action " + action));
                    return true;
                }
            }
            reply(response, callback, HttpStatus.OK_200, Map.of("ok", true, "action", action, "epoch", hub.epoch()));
        } catch (IllegalArgumentException e) {
            reply(response, callback, HttpStatus.BAD_REQUEST_400, Map.of("error", e.getMessage()));
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
        if (address == null) {
            return false;
        }
        String literal = address.startsWith("[") && address.endsWith("]")
                ? address.substring(1, address.length() - 1) : address;
        // Only IP literals reach here (the remote address), so this does no DNS lookup.
        if (!literal.matches("[0-9a-fA-F:.%]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private void reply(Response response, Callback callback, int status, Map<String, ?> body)
            throws JsonProcessingException {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        Content.Sink.write(response, true, hub.codec().mapper().writeValueAsString(body) + "\n", callback);
    }
}
