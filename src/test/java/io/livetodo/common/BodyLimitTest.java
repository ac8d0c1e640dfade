package io.livetodo.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BodyLimitTest {

    @Test
    void theLimitIsNamedInMibOrKibWhenItIsAWholeNumberOfThem() {
        assertThat(BodyLimit.readable(5 * 1024 * 1024)).isEqualTo("5 MiB");
        assertThat(BodyLimit.readable(65_536)).isEqualTo("64 KiB");
        assertThat(BodyLimit.readable(1_000)).isEqualTo("1000 bytes");
    }
}
