package io.stockmonitor.simulator;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /healthz} on the feed's own port, for a load balancer: 200 while this server serves the feed as it
 * is (with a shared history: connected to it and caught up), 503 otherwise, and a JSON body naming the epoch and
 * what the history and the producer are doing. It says nothing secret, so it needs no token.
 */
final class HealthHandler extends Handler.Wrapper {
    static final String PATH = "/healthz";

    private final FeedHub hub;

    HealthHandler(FeedHub hub, Handler next) {
        super(next);
        this.hub = hub;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!PATH.equals(Request.getPathInContext(request))) {
            return super.handle(request, response, callback);
        }
        if (!HttpMethod.GET.is(request.getMethod()) && !HttpMethod.HEAD.is(request.getMethod())) {
            response.setStatus(HttpStatus.METHOD_NOT_ALLOWED_405);
            callback.succeeded();
            return true;
        }
        boolean serving = !hub.isClosing() && hub.history().serving();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", serving ? "serving" : "not_serving");
        body.put("epoch", hub.epoch());
        body.put("connections", hub.connectionCount());
        body.put("history", hub.history().status());
        body.put("producer", hub.producer().status());
        response.setStatus(serving ? HttpStatus.OK_200 : HttpStatus.SERVICE_UNAVAILABLE_503);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        Content.Sink.write(response, true, hub.codec().mapper().writeValueAsString(body) + "\n", callback);
        return true;
    }
}
