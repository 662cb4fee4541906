package io.stockmonitor.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockmonitor.fuzz.FailureWatch;
import io.stockmonitor.fuzz.FrameMutator;
import io.stockmonitor.fuzz.FuzzFrame;
import io.stockmonitor.fuzz.FuzzRun;
import io.stockmonitor.fuzz.JsonDraft;
import io.stockmonitor.fuzz.ParallelCases;
import io.stockmonitor.fuzz.PropertyTest;
import io.stockmonitor.fuzz.ProtocolFrames;
import io.stockmonitor.fuzz.RequestVerdict;
import io.stockmonitor.protocol.ErrorCode;
import io.stockmonitor.protocol.Message;
import io.stockmonitor.protocol.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Timeout;

/**
 * Property: whatever request frame a client sends (valid, mutated, binary, empty, oversize), the real simulator
 * answers it as docs/PROTOCOL.md says ({@link RequestVerdict}): a valid request its replies, a bad one an error with
 * the documented code and the connection open, an oversize one a close with 1009; the connection answers the next
 * ping; nothing is logged as failed and no thread dies; and a well-behaved client's stream goes on, whole, throughout.
 * Several fuzzing connections run at once, each paced under the request limit.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RequestFuzzTest extends PropertyTest {
    private static final int CASES = 300;
    /** Cases that failed before their fix (seed, case), kept as they were found. */
    private static final long[][] REGRESSIONS = {
        {-8552868142741177119L, 4}, // a subscribe with the id "100" (a string) was subscribed
        {4865648656503593469L, 4} // [{}] got bad_request instead of bad_json
    };
    private static final int CONNECTIONS = 4;
    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "NVDA", "TSLA");
    private static final ProtocolFrames FRAMES = new ProtocolFrames(SYMBOLS);
    private static final FrameMutator MUTATOR = new FrameMutator(ProtocolFrames.TYPES, Protocol.MAX_CLIENT_FRAME_BYTES);
    /** Ping ids of the test's own pings: far from any id a request or a mutation uses. */
    private static final long PING_IDS = 7_000_000_000_000_000_000L;
    /** What kinds of frame the run sent, for its summary line (what it covered, not what it asserts). */
    private static final java.util.Map<RequestVerdict.Kind, java.util.concurrent.atomic.LongAdder> TALLY =
            new java.util.concurrent.ConcurrentSkipListMap<>();

    RequestFuzzTest() {
        super(CASES, REGRESSIONS);
    }

    @Override
    protected void check(FuzzRun run) throws Exception {
        SimulatorConfig config = SimulatorConfig.defaults().withPort(0).withSymbols(SYMBOLS).withRate(10)
                .withHeartbeatMs(250);
        List<Integer> cases = run.caseIndices();
        TALLY.clear();
        try (FailureWatch failures = new FailureWatch();
             EmbeddedSimulator sim = EmbeddedSimulator.start(config);
             StreamWatch watch = StreamWatch.start(sim, "AAPL")) {
            ParallelCases.run(cases, CONNECTIONS, 110, mine -> fuzz(run, sim, mine));
            assertThat(watch.problem(3_000)).as("the well-behaved client's AAPL stream").isNull();
            assertThat(failures.failures()).as("failures logged or uncaught").isEmpty();
            assertThat(sim.failure()).as("the simulator's own threads").isNotDone();
        }
        System.out.println("RequestFuzzTest covered: " + TALLY);
        run.finish(cases.size());
    }

    private static void fuzz(FuzzRun run, EmbeddedSimulator sim, List<Integer> cases) throws Exception {
        try (PacedFuzzClient client = new PacedFuzzClient(sim.uri())) {
            for (int i : cases) {
                SplittableRandom r = run.random(i);
                JsonDraft.Obj base = FRAMES.request(r, r.nextLong(1, 1_000));
                List<FrameMutator.Step> steps = r.nextInt(10) == 0 ? List.of() : MUTATOR.pick(r);
                long pingId = PING_IDS + i;
                run.check(i, base, steps, MUTATOR, frame -> violation(client, frame, pingId), 12);
            }
        }
    }

    private static String violation(PacedFuzzClient client, FuzzFrame frame, long pingId) throws Exception {
        RequestVerdict verdict = RequestVerdict.of(frame);
        TALLY.computeIfAbsent(verdict.kind(), k -> new java.util.concurrent.atomic.LongAdder()).increment();
        PacedFuzzClient.Outcome out = client.exchange(frame, pingId);
        if (out.problem() != null) {
            return out.problem();
        }
        if (verdict.kind() == RequestVerdict.Kind.TOO_BIG) {
            return out.closeCode() == Protocol.CLOSE_MESSAGE_TOO_BIG ? null
                    : "a frame over " + Protocol.MAX_CLIENT_FRAME_BYTES + " bytes got " + describe(out);
        }
        if (out.closeCode() != 0) {
            return "the connection was closed (" + out.closeCode() + ") after " + verdict.kind() + " frame: "
                    + out.replies();
        }
        List<Message.Error> errors = new ArrayList<>();
        boolean answered = false;
        for (Message m : out.replies()) {
            if (m instanceof Message.Error e) {
                errors.add(e);
            } else {
                answered = true;
            }
        }
        return switch (verdict.kind()) {
            case VALID -> {
                for (Message.Error e : errors) {
                    if (!RequestVerdict.PER_SYMBOL.contains(e.code())) {
                        yield "a valid request got " + e;
                    }
                }
                yield answered || !errors.isEmpty() ? null : "a valid request got no reply";
            }
            case INVALID -> {
                if (answered) {
                    yield "a bad frame was acted on: " + out.replies();
                }
                for (Message.Error e : errors) {
                    if (verdict.errors().contains(e.code())
                            && (e.code() != ErrorCode.BAD_JSON || e.id() == null)) {
                        yield null;
                    }
                }
                yield "a bad frame got " + (errors.isEmpty() ? "no error" : errors) + ", expected one of "
                        + verdict.errors();
            }
            case AMBIGUOUS -> answered || !errors.isEmpty() ? null : "a frame got no reply";
            case TOO_BIG -> throw new IllegalStateException("handled above");
        };
    }

    private static String describe(PacedFuzzClient.Outcome out) {
        return out.closeCode() == 0 ? "replies " + out.replies() : "close " + out.closeCode();
    }
}
