package io.stockmonitor.source;

import io.stockmonitor.feed.FeedCounters;
import io.stockmonitor.feed.FeedLink;
import io.stockmonitor.feed.PeerText;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One provider's REST calls, kept inside its documented limits: at most {@code perSecond} calls a second and
 * {@link SourceLimits#maxRestInFlight()} at once, an optional weight {@link Budget}, and a pause for every call when
 * the provider answers 429 or 418 (for its {@code Retry-After}, so a rate warning never becomes a ban) or says "too
 * many requests" in a successful answer's body (a {@link Throttle}: Kraken answers HTTP 200 there). Answers
 * are read up to {@link SourceLimits#maxRestBodyBytes()} and handed back on the feed thread. Server errors and
 * network failures are retried a few times with growing waits before the caller hears of them.
 *
 * <p>Feed thread only, except the HTTP callbacks, which post to it.
 */
public final class RestGate {
    /** What becomes of one call. Called on the feed thread. */
    public interface Answer {
        void ok(String body, HttpFields headers);

        /**
         * The call failed: {@code retryable} for network trouble, server errors and throttling that outlasted the
         * retries; not for the caller's own mistakes (4xx), which retrying cannot mend.
         */
        void failed(int status, String reason, boolean retryable);
    }

    /** A provider's weight budget (e.g. Binance's request weight per minute), beyond the plain call rate. */
    public interface Budget {
        /** Milliseconds to wait before a call of {@code weight} may go; 0 when it may go now. */
        long waitMs(int weight, long nowMs);

        /** Every answer's headers, to track what the provider says has been used. */
        void observe(HttpFields headers, long nowMs);

        Budget NONE = new Budget() {
            @Override
            public long waitMs(int weight, long nowMs) {
                return 0;
            }

            @Override
            public void observe(HttpFields headers, long nowMs) {
            }
        };
    }

    /**
     * Recognises a provider's "slow down" inside an answer with a successful status (Kraken answers HTTP 200 with
     * {@code {"error":["EAPI:Rate limit exceeded"]}}): such an answer pauses every call, like a 429, and the call
     * goes again once allowed instead of reaching its caller.
     */
    public interface Throttle {
        /** Milliseconds to pause every call for this answer's {@code body}; 0 when it is not a "slow down". */
        long pauseMs(String body);

        Throttle NONE = body -> 0;
    }

    private static final Logger LOG = LoggerFactory.getLogger(RestGate.class);
    /** Retries of a server error or a network failure before the caller hears of it. */
    static final int RETRIES = 4;
    private static final long RETRY_FIRST_MS = 200;
    /** A throttling answer without a usable Retry-After pauses this long. */
    private static final long DEFAULT_PAUSE_MS = 1_000;

    private final FeedLink link;
    private final String provider;
    private final int perSecond;
    private final SourceLimits limits;
    private final Budget budget;
    private final Throttle throttle;
    private final Map<String, String> headers;
    private final ArrayDeque<Call> waiting = new ArrayDeque<>();
    /** Calls that go before every waiting one (a refill, a first price), in their own order. */
    private final ArrayDeque<Call> urgent = new ArrayDeque<>();
    private final long[] recentSends;
    private int recentIndex;
    private int inFlight;
    private long pausedUntilMs;
    private ScheduledFuture<?> wake;
    private boolean closed;

    private static final class Call {
        final URI uri;
        final int weight;
        final Answer answer;
        final boolean urgent;
        int attempts;

        Call(URI uri, int weight, Answer answer, boolean urgent) {
            this.uri = uri;
            this.weight = weight;
            this.answer = answer;
            this.urgent = urgent;
        }
    }

    /**
     * @param headers sent with every call (a provider's key headers: never logged)
     */
    public RestGate(FeedLink link, String provider, int perSecond, SourceLimits limits, Budget budget,
                    Map<String, String> headers) {
        this(link, provider, perSecond, limits, budget, headers, Throttle.NONE);
    }

    /**
     * @param headers  sent with every call (a provider's key headers: never logged)
     * @param throttle tells a "slow down" the provider sends with a successful status
     */
    public RestGate(FeedLink link, String provider, int perSecond, SourceLimits limits, Budget budget,
                    Map<String, String> headers, Throttle throttle) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("perSecond must be positive");
        }
        this.link = link;
        this.provider = provider;
        this.perSecond = perSecond;
        this.limits = limits;
        this.budget = budget;
        this.headers = Map.copyOf(headers);
        this.throttle = throttle;
        this.recentSends = new long[perSecond];
        java.util.Arrays.fill(recentSends, Long.MIN_VALUE / 2);
    }

    /** Queues a GET of {@code uri} costing {@code weight}; the answer comes on the feed thread. */
    public void get(URI uri, int weight, Answer answer) {
        if (closed) {
            return;
        }
        waiting.add(new Call(uri, weight, answer, false));
        pump();
    }

    /**
     * As {@link #get}, ahead of every call waiting there: for what the user is waiting on (a refill holding live
     * trades, a first price) when a slow provider's rate would put it behind chart history and symbol lists.
     */
    public void getUrgent(URI uri, int weight, Answer answer) {
        if (closed) {
            return;
        }
        urgent.add(new Call(uri, weight, answer, true));
        pump();
    }

    /** Calls waiting or in flight. */
    public int pending() {
        return waiting.size() + urgent.size() + inFlight;
    }

    /** Forgets every waiting call (their answers never come). */
    public void close() {
        closed = true;
        waiting.clear();
        urgent.clear();
        if (wake != null) {
            wake.cancel(false);
        }
    }

    private void pump() {
        long now = System.currentTimeMillis();
        while (!closed && (!urgent.isEmpty() || !waiting.isEmpty()) && inFlight < limits.maxRestInFlight()) {
            ArrayDeque<Call> lane = urgent.isEmpty() ? waiting : urgent;
            long waitMs = Math.max(pausedUntilMs - now, 0);
            long oldest = recentSends[recentIndex];
            waitMs = Math.max(waitMs, oldest + 1_000 - now);
            if (waitMs <= 0) {
                waitMs = budget.waitMs(lane.peek().weight, now);
            }
            if (waitMs > 0) {
                wakeIn(waitMs);
                return;
            }
            Call call = lane.poll();
            recentSends[recentIndex] = now;
            recentIndex = (recentIndex + 1) % perSecond;
            send(call);
        }
    }

    private void wakeIn(long ms) {
        if (wake != null && !wake.isDone()) {
            return;
        }
        wake = link.schedule(() -> {
            wake = null;
            pump();
        }, ms);
    }

    private void send(Call call) {
        inFlight++;
        call.attempts++;
        link.counters().add(FeedCounters.Counter.REST_REQUESTS);
        Request request = link.http().newRequest(call.uri).method(HttpMethod.GET)
                .timeout(limits.restTimeoutMs(), TimeUnit.MILLISECONDS)
                .headers(h -> headers.forEach(h::put));
        request.send(new BufferingResponseListener(limits.maxRestBodyBytes()) {
            @Override
            public void onComplete(Result result) {
                int status = result.getResponse() == null ? 0 : result.getResponse().getStatus();
                HttpFields fields = result.getResponse() == null ? HttpFields.EMPTY
                        : result.getResponse().getHeaders();
                String body = result.isSucceeded() ? getContentAsString(StandardCharsets.UTF_8) : null;
                Throwable failure = result.getFailure();
                link.post(() -> complete(call, status, fields, body, failure));
            }
        });
    }

    private void complete(Call call, int status, HttpFields fields, String body, Throwable failure) {
        inFlight--;
        if (closed) {
            return;
        }
        long now = System.currentTimeMillis();
        budget.observe(fields, now);
        long slowDownMs = failure == null && status >= 200 && status < 300 && body != null
                ? throttle.pauseMs(body) : 0;
        if (failure == null && status >= 200 && status < 300 && slowDownMs <= 0) {
            call.answer.ok(body, fields);
        } else if (slowDownMs > 0) {
            LOG.warn("{} REST answered HTTP {} asking to slow down: pausing every call for {} ms", provider, status,
                    slowDownMs);
            pauseAndRequeue(call, now, slowDownMs);
        } else if (status == 429 || status == 418) {
            long pauseMs = retryAfterMs(fields);
            LOG.warn("{} REST answered HTTP {}{}: pausing every call for {} s", provider, status,
                    status == 418 ? " (banned)" : " (too many requests)", (pauseMs + 999) / 1000);
            pauseAndRequeue(call, now, pauseMs);
        } else if (failure != null || status >= 500 || status == 0) {
            String reason = failure != null ? PeerText.escape(String.valueOf(failure)) : "HTTP " + status;
            if (call.attempts <= RETRIES) {
                long delay = RETRY_FIRST_MS << (call.attempts - 1);
                LOG.debug("{} REST call failed ({}); retry {} in {} ms", provider, reason, call.attempts, delay);
                link.schedule(() -> {
                    (call.urgent ? urgent : waiting).addFirst(call);
                    pump();
                }, delay);
            } else {
                call.answer.failed(status, reason, true);
            }
        } else {
            call.answer.failed(status, "HTTP " + status + (body == null ? "" : ": " + PeerText.escape(body, 160)),
                    false);
        }
        pump();
    }

    /** Throttling is the provider's limit, not the call's fault: it goes again first, once allowed. */
    private void pauseAndRequeue(Call call, long now, long pauseMs) {
        pausedUntilMs = Math.max(pausedUntilMs, now + pauseMs);
        link.counters().add(FeedCounters.Counter.REST_THROTTLED);
        // Throttling is the provider's limit, not the call's fault: it goes again first, once allowed.
        (call.urgent ? urgent : waiting).addFirst(call);
    }

    /** {@code Retry-After} in seconds (as the providers send it), else a default. */
    static long retryAfterMs(HttpFields fields) {
        String value = fields.get(HttpHeader.RETRY_AFTER);
        if (value != null) {
            try {
                long seconds = Long.parseLong(value.trim());
                if (seconds >= 0) {
                    return Math.min(TimeUnit.DAYS.toMillis(3), Math.max(1, seconds) * 1_000);
                }
            } catch (NumberFormatException e) {
                // An HTTP date or garbage: the default below.
            }
        }
        return DEFAULT_PAUSE_MS;
    }
}
