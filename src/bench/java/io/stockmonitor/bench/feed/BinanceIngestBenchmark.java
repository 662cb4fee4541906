package io.stockmonitor.bench.feed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.stockmonitor.market.MarketLimits;
import io.stockmonitor.market.MarketModel;
import io.stockmonitor.source.binance.BinanceFrameIngest;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Ingest of Binance {@code aggTrade} frames as the Binance source runs it (parse the combined-stream frame, check the
 * aggregate id's contiguity, apply to the market model) beside a bare Jackson streaming parse of the same frames.
 * Scores are trades per second (one op = one frame); run with {@code -prof gc} for bytes per trade
 * ({@code gc.alloc.rate.norm}). Target: ingest at least 70 % of the bare parse, no garbage per trade.
 *
 * <p>Frames are as Binance sends them (docs: web-socket-streams.md, "Aggregate Trade Streams"): decimal strings with
 * eight places, eight symbols interleaved, consecutive ids per symbol; after each pass every symbol goes back to id
 * 0 so every frame is applied again.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BinanceIngestBenchmark {
    static final int FRAMES = 8_192;
    static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT", "SOLUSDT", "BNBUSDT", "XRPUSDT", "DOGEUSDT",
            "ADAUSDT", "ETHBTC");

    private String[] frames;
    private BinanceFrameIngest ingest;
    private JsonFactory factory;

    @Setup
    public void setUp() {
        SplittableRandom r = new SplittableRandom(42);
        frames = new String[FRAMES];
        long[] id = new long[SYMBOLS.size()];
        double[] price = {65_000, 3_200, 150, 580, 0.52, 0.38123, 0.45, 0.05123};
        long time = 1_763_800_000_000L;
        for (int i = 0; i < FRAMES; i++) {
            int s = r.nextInt(SYMBOLS.size());
            price[s] = Math.max(price[s] * 0.5, price[s] * (1 + (r.nextDouble() - 0.5) * 1e-4));
            time += r.nextInt(0, 3);
            String symbol = SYMBOLS.get(s);
            long a = ++id[s];
            frames[i] = "{\"stream\":\"" + symbol.toLowerCase(Locale.ROOT) + "@aggTrade\",\"data\":{\"e\":\"aggTrade\","
                    + "\"E\":" + (time + 1) + ",\"s\":\"" + symbol + "\",\"a\":" + a + ",\"p\":\""
                    + eight(price[s]) + "\",\"q\":\"" + eight(r.nextInt(1, 100_000) / 1000.0) + "\",\"f\":"
                    + (a * 2) + ",\"l\":" + (a * 2 + 1) + ",\"T\":" + time + ",\"m\":" + r.nextBoolean()
                    + ",\"M\":true}}";
        }
        MarketModel market = new MarketModel(MarketLimits.defaults(), System::currentTimeMillis);
        ingest = BinanceFrameIngest.live(market, SYMBOLS);
        factory = JsonFactory.builder().build();
    }

    private static String eight(double v) {
        return new BigDecimal(v).setScale(8, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }

    /** The source's path: parse, validate, id contiguity, apply to the market model, latency histogram. */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void ingest() {
        BinanceFrameIngest in = ingest;
        in.rewind(SYMBOLS);
        for (String frame : frames) {
            if (in.accept(frame) != BinanceFrameIngest.Result.DATA) {
                throw new IllegalStateException("not applied: " + frame);
            }
        }
    }

    /** The practical limit: Jackson's streaming parser reading every value of the same frames, nothing applied. */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void bareJacksonParse(Blackhole bh) throws IOException {
        for (String frame : frames) {
            try (JsonParser p = factory.createParser(frame)) {
                JsonToken t;
                while ((t = p.nextToken()) != null) {
                    switch (t) {
                        case VALUE_STRING -> bh.consume(p.getText());
                        case VALUE_NUMBER_INT -> bh.consume(p.getLongValue());
                        case VALUE_NUMBER_FLOAT -> bh.consume(p.getDoubleValue());
                        default -> {
                        }
                    }
                }
            }
        }
    }
}
