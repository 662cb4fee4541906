package io.stockmonitor.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProductVersionTest {
    @Test
    void comesFromThePom() {
        assertThat(ProductVersion.get()).matches("\\d+\\.\\d+\\.\\d+.*").doesNotContain("${");
    }
}
