package io.stockmonitor.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stockmonitor.protocol.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code --max-clients} holds under simultaneous upgrades: a slot is reserved atomically when an upgrade is admitted. */
class AdmissionRaceTest {
    private static final int LIMIT = 50;
    private static final int UPGRADES = 300;

    @Test
    void threeHundredSimultaneousUpgradesAgainstALimitOfFiftyAdmitAtMostFifty() throws Exception {
        SimulatorConfig config = SimulatorConfig.defaults().withPort(0).withRate(1).withMaxClients(LIMIT);
        List<RawWebSocket> sockets = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try (EmbeddedSimulator sim = EmbeddedSimulator.start(config)) {
            for (int i = 0; i < UPGRADES; i++) {
                sockets.add(RawWebSocket.open(sim.uri(), 0));
            }
            // Every request is written before any answer is read, from many threads at once.
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (RawWebSocket s : sockets) {
                statuses.add(pool.submit(() -> {
                    go.await();
                    return s.upgrade(sim.uri());
                }));
            }
            go.countDown();
            int admitted = 0;
            int refused = 0;
            for (Future<Integer> f : statuses) {
                int status = f.get(60, TimeUnit.SECONDS);
                assertThat(status).isIn(101, 503);
                if (status == 101) {
                    admitted++;
                } else {
                    refused++;
                }
            }
            assertThat(admitted).as("admitted of %d against a limit of %d", UPGRADES, LIMIT).isLessThanOrEqualTo(LIMIT);
            assertThat(admitted + refused).isEqualTo(UPGRADES);
            assertThat(sim.connectionCount()).isLessThanOrEqualTo(LIMIT);

            // Closing the admitted ones gives their slots back.
            for (RawWebSocket s : sockets) {
                s.close();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> sim.connectionCount() == 0);
            try (FeedTestClient c = FeedTestClient.connect(sim.uri())) {
                c.next(Message.Welcome.class);
            }
        } finally {
            pool.shutdownNow();
            sockets.forEach(RawWebSocket::close);
        }
    }

    @Test
    void aSlotIsGivenBackOnceWhetherItClosesOrNeverOpens() {
        Admissions admissions = new Admissions(2);
        Admissions.Slot a = admissions.tryReserve();
        Admissions.Slot b = admissions.tryReserve();
        assertThat(admissions.tryReserve()).isNull();
        a.lapseUnlessOpen();
        assertThat(admissions.held()).isEqualTo(1);
        Admissions.Slot c = admissions.tryReserve();
        assertThat(c).isNotNull();
        assertThat(a.open()).as("a lapsed reservation finds no room").isFalse();
        assertThat(b.open()).isTrue();
        b.lapseUnlessOpen();
        b.release();
        b.release();
        assertThat(admissions.held()).isEqualTo(1);
        assertThat(a.open()).as("a lapsed reservation retakes a free slot").isTrue();
        assertThat(admissions.held()).isEqualTo(2);
    }
}
