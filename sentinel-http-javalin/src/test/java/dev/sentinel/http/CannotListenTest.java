package dev.sentinel.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentinel.core.Sentinel;
import dev.sentinel.core.adapter.memory.InMemoryStorage;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A server that cannot listen says where and why in one line: an address that is not on this machine is not a port in
 * use. Binding 192.0.2.1 (TEST-NET-1, never local) fails in the kernel without a packet leaving the machine.
 */
class CannotListenTest {

    private static final byte[] KEK = new byte[32];

    @Test
    void anAddressThatIsNotOnThisMachineIsNotAvailableRatherThanInUse() {
        Sentinel sentinel = Sentinel.builder().storage(new InMemoryStorage()).build();
        SentinelServer server = TestServer.builder(sentinel).host("192.0.2.1").port(8080).keyEncryptionKey(KEK).build();

        assertThatThrownBy(server::start).isInstanceOfSatisfying(CannotListenException.class, failure -> {
            assertThat(failure.reason()).isEqualTo(CannotListenException.Reason.ADDRESS_NOT_AVAILABLE);
            assertThat(failure).hasMessage("cannot listen on 192.0.2.1:8080: address not available (it is not an "
                    + "address of this machine)");
        });
    }

    @Test
    void aPortAnotherProcessListensOnIsInUse() throws Exception {
        Sentinel sentinel = Sentinel.builder().storage(new InMemoryStorage()).build();
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            SentinelServer server = TestServer.builder(sentinel).host("127.0.0.1").port(port).keyEncryptionKey(KEK)
                    .build();

            assertThatThrownBy(server::start).isInstanceOfSatisfying(CannotListenException.class, failure -> {
                assertThat(failure.reason()).isEqualTo(CannotListenException.Reason.PORT_IN_USE);
                assertThat(failure).hasMessage("cannot listen on 127.0.0.1:" + port + ": port already in use");
            });
        }
    }

    @Test
    void anIpv6HostIsShownInBrackets() throws Exception {
        try (ServerSocket ipv6 = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            assertThat(ipv6.getLocalPort()).isPositive();
        } catch (java.io.IOException noIpv6) {
            Assumptions.assumeTrue(false, "this machine has no IPv6 loopback: " + noIpv6.getMessage());
        }
        Sentinel sentinel = Sentinel.builder().storage(new InMemoryStorage()).build();
        SentinelServer server = TestServer.builder(sentinel).host("2001:db8::1").port(8080).keyEncryptionKey(KEK)
                .build();

        assertThatThrownBy(server::start).isInstanceOfSatisfying(CannotListenException.class, failure ->
                assertThat(failure).hasMessageStartingWith("cannot listen on [2001:db8::1]:8080: address not available"));
    }

    @Test
    void theOperatingSystemsWordsAreReadAlikeOnEveryPlatform() {
        assertThat(CannotListenException.classify("Cannot assign requested address"))
                .isEqualTo(CannotListenException.Reason.ADDRESS_NOT_AVAILABLE);
        assertThat(CannotListenException.classify("Can't assign requested address"))
                .isEqualTo(CannotListenException.Reason.ADDRESS_NOT_AVAILABLE);
        assertThat(CannotListenException.classify("Address already in use: bind"))
                .isEqualTo(CannotListenException.Reason.PORT_IN_USE);
        assertThat(CannotListenException.classify("Permission denied"))
                .isEqualTo(CannotListenException.Reason.PERMISSION_DENIED);
        assertThat(CannotListenException.classify("Too many open files")).isEqualTo(CannotListenException.Reason.OTHER);
    }
}
