package dev.sentinel.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AllowedNetworksTest {

    @Test
    void emptyOrNullMeansAnyAddressEvenAnUnknownOne() {
        assertThat(AllowedNetworks.parse(null).isUnrestricted()).isTrue();
        assertThat(AllowedNetworks.parse(List.of()).permits(Optional.of("203.0.113.9"))).isTrue();
        assertThat(AllowedNetworks.parseList(" ").permits(Optional.empty())).isTrue();
    }

    @Test
    void aBoundPassPermitsOnlyAddressesInsideOneOfItsBlocks() {
        AllowedNetworks networks = AllowedNetworks.parse(List.of("10.0.0.0/8", "2001:db8::/32"));

        assertThat(networks.permits(Optional.of("10.9.8.7"))).isTrue();
        assertThat(networks.permits(Optional.of("2001:db8::7"))).isTrue();
        assertThat(networks.permits(Optional.of("203.0.113.9"))).isFalse();
        assertThat(networks.permits(Optional.empty())).as("an unknown address").isFalse();
        assertThat(networks.permits(Optional.of("unknown"))).isFalse();
        assertThat(networks.permits(Optional.of("localhost"))).as("no DNS").isFalse();
    }

    @Test
    void namesEveryMalformedBlockAtOnce() {
        assertThatThrownBy(() -> AllowedNetworks.parse(List.of("10.0.0.0/33", "192.0.2.0/24", "nope")))
                .isInstanceOf(ValidationException.class)
                .satisfies(failure -> assertThat(((ValidationException) failure).violations()).containsExactly(
                        new FieldViolation("allowed_ips", "10.0.0.0/33: prefix length must be 0-32"),
                        new FieldViolation("allowed_ips", "nope: must be an IPv4 or IPv6 address, optionally followed "
                                + "by /prefix (like 10.0.0.0/8 or 2001:db8::/32)")));
    }

    @Test
    void keepsEachBlockOnceWhateverItsSpelling() {
        assertThat(AllowedNetworks.parseList("2001:DB8::/32, 2001:db8:0::/32,10.0.0.0/8").texts())
                .containsExactly("2001:db8::/32", "10.0.0.0/8");
    }

    @Test
    void allowsAtMostFiftyBlocks() {
        List<String> blocks = new ArrayList<>();
        for (int i = 0; i < AllowedNetworks.MAX_BLOCKS; i++) {
            blocks.add("10.0." + i + ".0/24");
        }
        assertThat(AllowedNetworks.parse(blocks).blocks()).hasSize(50);
        blocks.add("192.0.2.0/24");
        assertThatThrownBy(() -> AllowedNetworks.parse(blocks))
                .hasMessage("allowed_ips: must list at most 50 network blocks (got 51)");
    }
}
