package io.stockmonitor.source.v1;

import io.stockmonitor.feed.FeedCounters;
import io.stockmonitor.feed.SymbolTable;
import io.stockmonitor.feed.TradeOutput;
import io.stockmonitor.fuzz.FrameMutator;
import io.stockmonitor.fuzz.FramePropertyTest;
import io.stockmonitor.fuzz.FuzzFrame;
import io.stockmonitor.fuzz.FuzzMarket;
import io.stockmonitor.fuzz.FuzzRun;
import io.stockmonitor.fuzz.JsonDraft;
import io.stockmonitor.fuzz.ProtocolFrames;
import io.stockmonitor.fuzz.TickVerdict;
import io.stockmonitor.fuzz.TradeBounds;
import io.stockmonitor.market.FeedLatency;
import io.stockmonitor.market.MarketModel;
import io.stockmonitor.protocol.Message;
import io.stockmonitor.protocol.MessageCodec;
import io.stockmonitor.protocol.ProtocolException;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Property: whatever a frame holds, the tick path of the protocol client (the zero-garbage parser, then the general
 * codec for what it leaves, as {@link ProtocolSession#text} runs them) never throws, applies a trade only when the
 * frame is a valid tick and then with exactly its values, within {@link io.stockmonitor.source.TradeValues}' bounds,
 * rejects what is not (counted), and reads the next frame right after any garbage.
 */
class TickFrameFuzzTest extends FramePropertyTest {
    private static final int CASES = 6_000;
    /** Cases that failed before their fix (seed, case), kept as they were found. */
    private static final long[][] REGRESSIONS = {
        {3515568699133585052L, 163}, // the codec read a tick with a comma after it, and its trade was applied
        {6044976505769014790L, 53}, // the codec read a tick with a bracket after it, and its trade was applied
        {4416062879102534273L, 7}, // the codec refused a long valid tick without bid and ask
        {-9020695140888752519L, 52} // a size of 1e2 is a size (a relay sends decimals): applied, as the protocol says
    };
    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "BRK.A");
    private static final MessageCodec CODEC = new MessageCodec();
    private static final FrameMutator MUTATOR = new FrameMutator(ProtocolFrames.TYPES, TickFrameParser.MAX_FAST_FRAME_CHARS);

    /** The ingest path of one client, with what it applied and rejected. */
    private static final class Client implements TickIngest.Escalation {
        final MarketModel market = FuzzMarket.with(SYMBOLS);
        final SymbolTable table = new SymbolTable();
        final ResumeTracker tracker = new ResumeTracker();
        final FeedCounters counters = new FeedCounters();
        final TradeOutput output = new TradeOutput(market, counters, new FeedLatency(), e -> { });
        final TickIngest ingest = new TickIngest(table, tracker, counters, output, this);
        Applied applied;
        int rejected;

        record Applied(String symbol, long seq, long ts, double price, double size) {
        }

        Client() {
            for (String s : SYMBOLS) {
                table.add(s);
                tracker.onSubscribed(tracker.add(s), new Message.Subscribed(0, s, "e1", true, 0L, null));
            }
            output.sink((symbol, epoch, seq, ts, price, size) -> applied = new Applied(symbol, seq, ts, price, size));
        }

        /** Every symbol's next expected seq is {@code seq}. */
        void expect(long seq) {
            tracker.all().forEach(p -> p.last = seq - 1);
        }

        /** The frame as the session handles it; the trade it applied, or null. */
        Applied receive(String text) {
            applied = null;
            rejected = 0;
            long before = counters.duplicatesDropped() + counters.get(FeedCounters.Counter.IGNORED_WHILE_RESYNCING);
            if (!ingest.tryTick(text)) {
                try {
                    Message m = CODEC.decode(text);
                    if (m instanceof Message.Tick t) {
                        ingest.handle(t);
                    }
                } catch (ProtocolException e) {
                    rejected++;
                }
            }
            rejected += (int) (counters.duplicatesDropped()
                    + counters.get(FeedCounters.Counter.IGNORED_WHILE_RESYNCING) - before);
            return applied;
        }

        @Override
        public void gap(ResumeTracker.Position position, long seenSeq) {
            rejected++;
        }

        @Override
        public void bad(String kind, String detail) {
            rejected++;
        }

        @Override
        public void unusable(ResumeTracker.Position position, long seq, long ts, String problem) {
            rejected++;
        }
    }

    TickFrameFuzzTest() {
        super(CASES, REGRESSIONS, MUTATOR);
    }

    @Override
    protected FuzzRun.FrameCase next(SplittableRandom r, long now) {
        long seq = r.nextLong(1, 1L << 40);
        JsonDraft.Obj base = ProtocolFrames.tick(r, SYMBOLS.get(r.nextInt(SYMBOLS.size())), seq,
                now - r.nextInt(60_000), r.nextLong(1, 2_147_483_647L));
        long nextSeed = r.nextLong();
        return new FuzzRun.FrameCase(base, frame -> violation(frame, seq, nextSeed));
    }

    private static String violation(FuzzFrame frame, long seq, long nextSeed) {
        Client client = new Client();
        client.expect(seq);
        long now = System.currentTimeMillis();
        TickVerdict verdict = TickVerdict.of(frame.text(), Set.copyOf(SYMBOLS), now);
        Client.Applied a = client.receive(frame.text());
        if (a != null) {
            String bounds = TradeBounds.violation(a.price(), a.size(), a.ts(), now);
            if (bounds != null) {
                return "applied a trade with " + bounds;
            }
            if (TickVerdict.candidates(frame.text(), Set.copyOf(SYMBOLS), now).stream()
                    .noneMatch(v -> v.carries(a.symbol(), a.seq(), a.ts(), a.price(), a.size()))) {
                return "applied " + a + " but the frame is " + verdict;
            }
        } else if (verdict.kind() == TickVerdict.Kind.VALID && verdict.seq() == seq) {
            return "a valid tick that is next in its stream was not applied: " + verdict;
        } else if (verdict.kind() == TickVerdict.Kind.INVALID && client.rejected == 0) {
            return "an invalid frame was neither applied nor counted as rejected";
        }
        // Whatever came before, the next frame takes the fast path and is read as it is.
        client.expect(seq + 1);
        client.applied = null;
        String next = ProtocolFrames.tick(new SplittableRandom(nextSeed), "MSFT", seq + 1, now, 12_345).render();
        if (!client.ingest.tryTick(next) || client.applied == null || client.applied.seq() != seq + 1
                || client.applied.price() != 123.45) {
            return "the valid frame after it was not read as sent: " + client.applied;
        }
        return null;
    }
}
