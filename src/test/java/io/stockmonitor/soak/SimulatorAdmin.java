package io.stockmonitor.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The simulator's admin endpoint ({@code --admin}, docs/PROTOCOL.md), over HTTP as a script would use it. */
final class SimulatorAdmin {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;

    /** For the simulator serving {@code feed} ({@code ws://127.0.0.1:PORT/feed}). */
    SimulatorAdmin(URI feed) {
        this.base = URI.create("http://" + feed.getHost() + ":" + feed.getPort() + "/admin/");
    }

    /** {@code POST /admin/ACTION?QUERY}; the reply, or an exception for anything but 200. */
    JsonNode post(String actionAndQuery) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(actionAndQuery)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** The current epoch. */
    String epoch() throws IOException, InterruptedException {
        return status().get("epoch").asText();
    }

    /** Per symbol, the last seq published in the current epoch. */
    Map<String, Long> lastSeqs() throws IOException, InterruptedException {
        Map<String, Long> seqs = new LinkedHashMap<>();
        status().get("lastSeqs").fields().forEachRemaining(e -> seqs.put(e.getKey(), e.getValue().asLong()));
        return seqs;
    }

    JsonNode status() throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve("status")).GET());
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("admin " + r.request().uri() + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }
}
