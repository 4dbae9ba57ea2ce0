package dev.sentinel.core.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FetchPolicyTest {

    private final FetchPolicy open = FetchPolicy.builder().allowPrivateTargets(true).build();

    @Test
    void plainHttpIsAcceptableToLoopbackAndPrivateAddressesOnlyWhenPrivateTargetsAreAllowed() {
        FetchPolicy closed = FetchPolicy.builder().allowedHosts(() -> Set.of("127.0.0.1")).build();

        for (String host : List.of("127.0.0.1", "10.1.2.3", "192.168.0.7", "169.254.1.1", "[::1]", "[fd00::5]",
                "localhost")) {
            assertThat(open.allowsPlainHttpTo(host)).as(host).isTrue();
            assertThat(closed.allowsPlainHttpTo(host)).as(host + ", even as an allowed host").isFalse();
        }
    }

    @Test
    void plainHttpIsNeverAcceptableToAPublicAddress() {
        for (String host : List.of("93.184.216.34", "8.8.8.8", "[2001:4860:4860::8888]", "[::ffff:8.8.8.8]", "")) {
            assertThat(open.allowsPlainHttpTo(host)).as(host).isFalse();
        }
    }
}
