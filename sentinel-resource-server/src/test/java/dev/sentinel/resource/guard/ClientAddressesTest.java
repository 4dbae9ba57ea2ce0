package dev.sentinel.resource.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    private final ClientAddresses proxies = ClientAddresses.trusting(List.of("127.0.0.1/32", "10.0.0.0/8", "::1"));

    private Optional<String> viaXff(ClientAddresses addresses, String peer, String... lines) {
        return addresses.resolve(peer, List.of(), List.of(lines));
    }

    private Optional<String> viaForwarded(String peer, String... lines) {
        return proxies.resolve(peer, List.of(lines), List.of());
    }

    @Test
    void withoutTrustedProxiesTheSocketPeerIsTheClientWhateverTheHeadersSay() {
        assertThat(viaXff(ClientAddresses.none(), "127.0.0.1", "10.1.2.3")).contains("127.0.0.1");
        assertThat(ClientAddresses.none().resolve("127.0.0.1", List.of("for=10.1.2.3"), List.of())).contains("127.0.0.1");
    }

    @Test
    void headersFromAnUntrustedPeerChangeNothing() {
        assertThat(viaXff(proxies, "203.0.113.9", "10.1.2.3")).contains("203.0.113.9");
        assertThat(proxies.resolve("203.0.113.9", List.of("for=10.1.2.3"), List.of())).contains("203.0.113.9");
    }

    @Test
    void theRightMostUntrustedHopIsTheClient() {
        assertThat(viaXff(proxies, "127.0.0.1", "198.51.100.1, 203.0.113.9, 10.0.0.5")).contains("203.0.113.9");
        assertThat(viaXff(proxies, "127.0.0.1", "198.51.100.1, 203.0.113.9", "10.0.0.5"))
                .as("several header lines are one list").contains("203.0.113.9");
    }

    @Test
    void aSpoofedLeftPartCannotHideTheRealClient() {
        assertThat(viaXff(proxies, "127.0.0.1", "10.1.2.3, 203.0.113.9")).contains("203.0.113.9");
    }

    @Test
    void whenEveryHopIsTrustedTheLeftMostIsTheClient() {
        assertThat(viaXff(proxies, "127.0.0.1", "10.1.2.3, 127.0.0.1")).contains("10.1.2.3");
        assertThat(proxies.resolve("127.0.0.1", List.of(), List.of())).as("no header: the proxy itself").contains("127.0.0.1");
    }

    @Test
    void readsRfc7239ForwardedWithQuotedIpv6AndPorts() {
        assertThat(viaForwarded("127.0.0.1", "for=\"[2001:db8:0::1]:4711\";proto=https, for=127.0.0.1"))
                .contains("2001:db8::1");
        assertThat(viaForwarded("127.0.0.1", "For=203.0.113.9:8080;by=10.0.0.1")).contains("203.0.113.9");
        assertThat(viaForwarded("127.0.0.1", "proto=http;for=203.0.113.9", "for=10.0.0.7")).contains("203.0.113.9");
    }

    @Test
    void unknownAndObfuscatedIdentifiersEndTheWalkAndNameNoAddress() {
        assertThat(viaForwarded("127.0.0.1", "for=203.0.113.9, for=unknown")).contains("unknown");
        assertThat(viaForwarded("127.0.0.1", "for=203.0.113.9, for=_hidden")).contains("_hidden");
        assertThat(viaXff(proxies, "127.0.0.1", "203.0.113.9, unknown")).contains("unknown");
    }

    @Test
    void aMalformedHopLeavesTheNearestTrustedHopsView() {
        assertThat(viaXff(proxies, "127.0.0.1", "203.0.113.9, not-an-address, 10.0.0.5")).contains("10.0.0.5");
        assertThat(viaXff(proxies, "127.0.0.1", "evil.example")).contains("127.0.0.1");
        assertThat(viaForwarded("127.0.0.1", "for=\"[2001:db8::1\"")).contains("127.0.0.1");
        assertThat(viaForwarded("127.0.0.1", "by=10.0.0.1")).as("an element without for=").contains("127.0.0.1");
        assertThat(viaXff(proxies, "127.0.0.1", "garbage, 203.0.113.9")).as("junk left of the client is never read")
                .contains("203.0.113.9");
    }

    @Test
    void bothHeadersMustAgreeOrTheClientIsUnknown() {
        assertThat(proxies.resolve("127.0.0.1", List.of("for=203.0.113.9"), List.of("203.0.113.9"))).contains("203.0.113.9");
        assertThat(proxies.resolve("127.0.0.1", List.of("for=10.1.2.3"), List.of("203.0.113.9"))).isEmpty();
    }

    @Test
    void addressesComeBackCanonicalAndIpv4MappedAsIpv4() {
        assertThat(viaXff(ClientAddresses.none(), "0:0:0:0:0:0:0:1")).contains("::1");
        assertThat(viaXff(ClientAddresses.none(), "[::1]")).contains("::1");
        assertThat(viaXff(proxies, "::1", "::ffff:203.0.113.9")).contains("203.0.113.9");
        assertThat(viaXff(proxies, "::ffff:127.0.0.1", "203.0.113.9")).as("a mapped peer is the IPv4 proxy")
                .contains("203.0.113.9");
    }

    @Test
    void aMalformedTrustedProxyIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> ClientAddresses.trusting(List.of("10.0.0.0/33")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trusted_proxies: 10.0.0.0/33: prefix length must be 0-32");
        assertThat(ClientAddresses.trusting(List.of()).trustedProxies()).isEmpty();
    }
}
