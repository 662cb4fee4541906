package io.stockmonitor.bench.feed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.stockmonitor.source.v1.TickFrameParser;
import io.stockmonitor.source.v1.TickIngest;
import io.stockmonitor.market.MarketLimits;
import io.stockmonitor.market.MarketModel;
import io.stockmonitor.protocol.Message;
import io.stockmonitor.protocol.MessageCodec;
import java.io.IOException;
import java.util.List;
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
 * Ingest throughput of the feed client's hot path (parse a tick frame, check its seq, apply it to the market model)
 * side by side with a bare Jackson streaming parse of the same frames, the practical limit. Scores are ticks per
 * second (one op = one frame); run with {@code -prof gc} for bytes per tick ({@code gc.alloc.rate.norm}).
 *
 * <p>Frames are realistic simulator ticks for 8 symbols, interleaved, with consecutive seqs per symbol; after each
 * pass the ingest path is rewound to seq 0 so every frame is applied (not dropped as a duplicate).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IngestBenchmark {
    static final int FRAMES = 8_192;
    static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "META", "TSLA", "BRK.B");

    private String[] frames;
    private TickIngest ingest;
    private JsonFactory factory;
    private TickFrameParser parser;

    @Setup
    public void setUp() {
        MessageCodec codec = new MessageCodec();
        SplittableRandom r = new SplittableRandom(42);
        frames = new String[FRAMES];
        long[] seq = new long[SYMBOLS.size()];
        long[] cents = new long[SYMBOLS.size()];
        for (int i = 0; i < cents.length; i++) {
            cents[i] = 5_000 + r.nextInt(60_000);
        }
        long ts = 1_763_800_000_000L;
        for (int i = 0; i < FRAMES; i++) {
            int s = r.nextInt(SYMBOLS.size());
            cents[s] = Math.max(100, cents[s] + r.nextInt(-5, 6));
            ts += r.nextInt(0, 3);
            long size = r.nextBoolean() ? 100L * r.nextInt(1, 10) : r.nextInt(1, 100);
            frames[i] = codec.encode(new Message.Tick(SYMBOLS.get(s), ++seq[s], ts, cents[s] / 100.0, size,
                    (cents[s] - 1) / 100.0, (cents[s] + 1) / 100.0));
        }
        MarketModel market = new MarketModel(MarketLimits.defaults(), System::currentTimeMillis);
        ingest = TickIngest.live(market, SYMBOLS, "bench");
        factory = JsonFactory.builder().build();
        parser = TickFrameParser.forSymbols(SYMBOLS);
    }

    /** The client's path: parse, validate, seq check, apply to the market model, latency histogram. */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long ingest() {
        TickIngest in = ingest;
        in.rewind();
        for (String frame : frames) {
            if (!in.tryTick(frame)) {
                throw new IllegalStateException("not a tick: " + frame);
            }
        }
        return in.ticksApplied();
    }

    /** The client's parser alone (no seq check, no model), to split the ingest cost. */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long parseOnly() {
        TickFrameParser p = parser;
        long sum = 0;
        for (String frame : frames) {
            if (p.parse(frame) != TickFrameParser.Kind.TICK) {
                throw new IllegalStateException("not a tick: " + frame);
            }
            sum += p.tick().seq;
        }
        return sum;
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
