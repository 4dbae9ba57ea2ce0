package dev.sentinel.core.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class TargetAddressesTest {

    @Test
    void namesEveryKindOfNonPublicAddress() throws Exception {
        String[][] cases = {
            {"127.0.0.1", "loopback"}, {"127.255.0.9", "loopback"}, {"::1", "loopback"},
            {"10.1.2.3", "private"}, {"172.16.0.1", "private"}, {"172.31.255.255", "private"}, {"192.168.1.1", "private"},
            {"169.254.169.254", "link-local"}, {"fe80::1", "link-local"},
            {"100.64.0.1", "carrier-grade NAT"}, {"100.127.255.255", "carrier-grade NAT"},
            {"0.0.0.0", "unspecified"}, {"::", "unspecified"}, {"0.1.2.3", "unspecified"},
            {"224.0.0.1", "multicast"}, {"ff02::1", "multicast"},
            {"fc00::1", "unique-local"}, {"fd12:3456::1", "unique-local"},
            {"::ffff:127.0.0.1", "loopback"}, {"::ffff:10.0.0.1", "private"}, {"::10.0.0.1", "private"},
            {"255.255.255.255", "reserved"},
        };
        for (String[] known : cases) {
            assertThat(TargetAddresses.nonPublic(InetAddress.getByName(known[0]))).as(known[0]).hasValueSatisfying(
                    reason -> assertThat(reason).startsWith(known[1]));
        }
    }

    @Test
    void judgesAnIpv6MappedAddressByItsIpv4Address() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 169, (byte) 254, (byte) 169, (byte) 254};
        Inet6Address kept = Inet6Address.getByAddress(null, mapped, -1);

        assertThat(TargetAddresses.nonPublic(kept)).contains("link-local");
    }

    @Test
    void letsPublicAddressesThrough() throws Exception {
        for (String address : new String[] {"8.8.8.8", "172.32.0.1", "172.15.255.255", "100.128.0.1", "100.63.255.255",
                "192.0.2.10", "2001:4860:4860::8888", "::ffff:8.8.8.8"}) {
            assertThat(TargetAddresses.nonPublic(InetAddress.getByName(address))).as(address).isEmpty();
        }
    }
}
