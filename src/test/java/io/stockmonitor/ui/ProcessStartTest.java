package io.stockmonitor.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessStartTest {
    @Test
    void ageIsUptimeMinusTheStartInClockTicks() {
        // A command with spaces and a parenthesis, as the kernel shows it: field 22 (starttime) is 812345 ticks.
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 1 0 0 0 5 3 0 0 20 0 30 0 812345 1000 10 "
                + "18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";
        assertThat(ProcessStart.ageFromProc("8125.75 16000.10\n", stat)).isEqualTo(8_125_750 - 8_123_450);
    }

    @Test
    void thisProcessStartedInThePastAndNotLongAgo() {
        long start = ProcessStart.epochMillis();
        long now = System.currentTimeMillis();
        assertThat(start).isLessThanOrEqualTo(now).isGreaterThan(now - 3_600_000L);
    }
}
