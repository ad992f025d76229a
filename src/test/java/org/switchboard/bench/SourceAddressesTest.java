package org.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SourceAddressesTest {
    @Test
    void putsPerAddressClientsOnEachLoopbackAddress() {
        assertThat(SourceAddresses.forClient(0, 10).getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(SourceAddresses.forClient(9, 10).getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(SourceAddresses.forClient(10, 10).getHostAddress()).isEqualTo("127.0.0.2");
        assertThat(SourceAddresses.forClient(253 * 10, 10).getHostAddress()).isEqualTo("127.0.0.254");
        assertThat(SourceAddresses.forClient(254 * 10, 10).getHostAddress()).isEqualTo("127.0.1.1");
    }

    @Test
    void everyAddressIsLoopback() {
        for (int i = 0; i < SourceAddresses.CAPACITY; i += 997) {
            assertThat(SourceAddresses.forClient(i, 1).isLoopbackAddress()).isTrue();
        }
    }

    @Test
    void refusesAClientBeyondTheLastAddress() {
        assertThatThrownBy(() -> SourceAddresses.forClient(SourceAddresses.CAPACITY, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
