package io.stockmonitor.ui.alerts;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockmonitor.alerts.AlertKind;
import io.stockmonitor.alerts.AlertLimits;
import io.stockmonitor.alerts.AlertRule;
import io.stockmonitor.source.SymbolSpelling;
import io.stockmonitor.ui.settings.AtomicJsonFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerts file, {@code alerts.json} next to {@code settings.json}: the rules and whether a firing sounds and
 * notifies. Loading never fails: a file that is not valid JSON, or holds rules that are not valid, is moved aside
 * ({@code alerts.json.corrupt-<UTC time>}) with a notice for the window, keeping whatever valid rules it had.
 * Saving writes a temporary file and moves it over the old one.
 */
public final class AlertStore {
    public static final String FILE_NAME = "alerts.json";
    private static final Logger LOG = LoggerFactory.getLogger(AlertStore.class);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final int VERSION = 1;

    /** What the file holds, and one sentence for the window when something was wrong with it. */
    public record Loaded(List<AlertRule> rules, boolean sound, boolean notifications, String notice) {
        public boolean hasNotice() {
            return notice != null;
        }
    }

    private final Path file;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public AlertStore(Path configDir, Clock clock) {
        this.file = configDir.resolve(FILE_NAME);
        this.clock = clock;
    }

    public Path file() {
        return file;
    }

    public Loaded load() {
        JsonNode root;
        try {
            if (Files.size(file) > AlertLimits.MAX_FILE_BYTES) {
                return aside("it is larger than " + AlertLimits.MAX_FILE_BYTES / (1024 * 1024) + " MiB", List.of(),
                        true, false);
            }
            root = mapper.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return new Loaded(List.of(), true, false, null);
        } catch (JacksonException e) {
            return aside("it is not valid JSON", List.of(), true, false);
        } catch (IOException | RuntimeException e) {
            return aside("it could not be read (" + e.getClass().getSimpleName() + ")", List.of(), true, false);
        }
        if (root == null || !root.isObject() || !root.path("rules").isArray()) {
            return aside("it holds no list of rules", List.of(), true, false);
        }
        boolean sound = root.path("sound").asBoolean(true);
        boolean notifications = root.path("notifications").asBoolean(false);
        List<AlertRule> rules = new ArrayList<>();
        int bad = 0;
        for (JsonNode n : root.path("rules")) {
            AlertRule r = rule(n);
            if (r == null) {
                bad++;
            } else {
                rules.add(r);
            }
        }
        if (bad > 0) {
            return aside(bad + (bad == 1 ? " rule in it is" : " rules in it are") + " not valid (the other "
                    + rules.size() + " were kept)", rules, sound, notifications);
        }
        return new Loaded(rules, sound, notifications, null);
    }

    private static AlertRule rule(JsonNode n) {
        try {
            AlertKind kind = AlertKind.valueOf(n.path("kind").asText(""));
            String symbol = SymbolSpelling.normalize(n.path("symbol").asText(""));
            if (symbol == null || !n.path("id").canConvertToLong() || n.path("id").asLong() <= 0) {
                return null;
            }
            return new AlertRule(n.path("id").asLong(), symbol, kind, n.path("level").asDouble(Double.NaN),
                    n.path("window").asInt(0), n.hasNonNull("line") ? n.get("line").asText() : null,
                    n.path("oneShot").asBoolean(true), n.path("rearmPercent").asDouble(0),
                    // The short form is made again from the values: a hand edit of the level cannot leave it stale.
                    n.path("paused").asBoolean(false), null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private Loaded aside(String why, List<AlertRule> kept, boolean sound, boolean notifications) {
        Path moved = file.resolveSibling(FILE_NAME + ".corrupt-" + STAMP.format(clock.instant()));
        String notice;
        try {
            Files.move(file, moved, StandardCopyOption.REPLACE_EXISTING);
            notice = "Alerts: " + file.getFileName() + " was moved to " + moved.getFileName() + " because " + why
                    + ".";
        } catch (IOException | RuntimeException e) {
            notice = "Alerts: " + file + " is unusable (" + why + ") and could not be moved aside.";
        }
        LOG.warn(notice);
        return new Loaded(List.copyOf(kept), sound, notifications, notice);
    }

    /** Writes atomically where the file system allows it. Any thread (the window saves off the FX thread). */
    public synchronized void save(List<AlertRule> rules, boolean sound, boolean notifications) throws IOException {
        ObjectNode root = mapper.createObjectNode();
        root.put("version", VERSION);
        root.put("sound", sound);
        root.put("notifications", notifications);
        ArrayNode list = root.putArray("rules");
        for (AlertRule r : rules) {
            ObjectNode n = list.addObject();
            n.put("id", r.id());
            n.put("symbol", r.symbol());
            n.put("kind", r.kind().name());
            n.put("level", r.level());
            n.put("window", r.window());
            n.put("line", r.line());
            n.put("oneShot", r.oneShot());
            n.put("rearmPercent", r.rearmPercent());
            n.put("paused", r.paused());
            n.put("text", r.text());
        }
        AtomicJsonFile.write(mapper, file, root);
    }
}
