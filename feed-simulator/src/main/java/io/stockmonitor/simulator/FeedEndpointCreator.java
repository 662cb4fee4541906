package io.stockmonitor.simulator;

import io.stockmonitor.protocol.ErrorCode;
import io.stockmonitor.protocol.Message;
import io.stockmonitor.protocol.Protocol;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.api.ExtensionConfig;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketCreator;

/**
 * Admits a WebSocket upgrade on {@code /feed}: refuses it with HTTP 401 when a token is configured and the
 * request lacks it ({@code Authorization: Bearer T} or {@code ?token=T}), and with HTTP 503 when all
 * {@code maxClients} slots are taken; an admitted upgrade holds its slot from here on (see {@link Admissions}).
 * Negotiates the protocol version (v2 when the client offers {@link Protocol#SUBPROTOCOL_V2}, else v1 exactly as
 * before) and permessage-deflate when the client offers it.
 */
final class FeedEndpointCreator implements WebSocketCreator {
    private final FeedHub hub;
    private final BearerToken token;

    FeedEndpointCreator(FeedHub hub) {
        this.hub = hub;
        this.token = BearerToken.of(hub.config().token());
    }

    @Override
    public Object createWebSocket(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        if (token != null && !authorized(request)) {
            refuse(response, callback, HttpStatus.UNAUTHORIZED_401,
                    "missing or wrong token: send \"Authorization: Bearer <token>\" or ?token=<token>");
            return null;
        }
        if (!hub.isClosing() && !hub.history().serving()) {
            // Behind the shared history (or cut off from it): another server of the feed serves it as it is.
            refuse(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503,
                    "this feed server is not caught up with the shared history; try again or another server");
            return null;
        }
        Admissions.Slot slot = hub.isClosing() ? null : hub.admissions().tryReserve();
        if (slot == null) {
            refuse(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503,
                    "simulated feed is at its limit of " + hub.config().maxClients() + " clients");
            return null;
        }
        hub.gate().schedule(slot::lapseUnlessOpen, SimulatorConfig.UPGRADE_OPEN_DEADLINE_MS, TimeUnit.MILLISECONDS);
        response.setExtensions(deflateOnly(request.getExtensions()));
        boolean v2 = request.hasSubProtocol(Protocol.SUBPROTOCOL_V2);
        if (v2) {
            response.setAcceptedSubProtocol(Protocol.SUBPROTOCOL_V2);
        }
        return new ClientConnection(hub, slot, v2);
    }

    /**
     * Of the extensions a client offers, permessage-deflate alone is accepted (the first offer of it, with the
     * parameters Jetty negotiates): it shrinks the JSON frames several times over. Jetty would otherwise accept any
     * extension it knows that a client names, including its internal frame-capture and fragment ones.
     */
    private static List<ExtensionConfig> deflateOnly(List<ExtensionConfig> offered) {
        for (ExtensionConfig e : offered) {
            if (Protocol.DEFLATE_EXTENSION.equals(e.getName())) {
                return List.of(e);
            }
        }
        return List.of();
    }

    private boolean authorized(Request request) {
        if (token.matchesHeader(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
            return true;
        }
        Fields query = Request.extractQueryParameters(request);
        return token.matches(query.getValue("token"));
    }

    /** The body is a protocol error frame, so a client can show the same text it would show for an in-band error. */
    private void refuse(ServerUpgradeResponse response, Callback callback, int status, String text) {
        ErrorCode code = status == HttpStatus.UNAUTHORIZED_401 ? ErrorCode.UNAUTHORIZED : ErrorCode.RATE_LIMITED;
        String body = hub.codec().encode(new Message.Error(null, code, text, null));
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        if (status == HttpStatus.UNAUTHORIZED_401) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"feed-simulator\"");
        } else {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        }
        Content.Sink.write(response, true, body, callback);
    }
}
