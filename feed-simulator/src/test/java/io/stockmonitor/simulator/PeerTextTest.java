package io.stockmonitor.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PeerTextTest {

    @Test
    void boundedCutsWithoutSplittingAPairAndReplacesControlsAndLoneSurrogates() {
        assertThat(PeerText.bounded("AAPL", 32)).isEqualTo("AAPL");
        assertThat(PeerText.bounded("x".repeat(40), 32)).hasSize(33).endsWith("\u2026");
        assertThat(PeerText.bounded("abc\uD83D\uDE00", 4)).isEqualTo("abc\u2026");
        assertThat(PeerText.bounded("a\nb\u001b[0m\uD800c", 32)).isEqualTo("a\uFFFDb\uFFFD[0m\uFFFDc");
        assertThat(PeerText.bounded(null, 32)).isNull();
    }

    @Test
    void forLogEscapesEverythingButPrintableAsciiAndBoundsTheLength() {
        assertThat(PeerText.forLog("ok\r\nFAKE LINE\u001b[31m"))
                .isEqualTo("ok\\u000d\\u000aFAKE LINE\\u001b[31m").doesNotContain("\n");
        assertThat(PeerText.forLog("y".repeat(1000))).startsWith("yyy").endsWith("...(1000 chars)")
                .hasSizeLessThan(SimulatorConfig.MAX_LOGGED_PEER_CHARS + 20);
    }
}
