package dev.sentinel.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class CidrBlockTest {

    private static CidrBlock block(String text) {
        return CidrBlock.parse("allowed_ips", text);
    }

    private static InetAddress address(String text) {
        return CidrBlock.literal(text).orElseThrow();
    }

    @Test
    void parsesIpv4AndIpv6BlocksIntoTheirCanonicalForm() {
        assertThat(block("10.0.0.0/8")).hasToString("10.0.0.0/8");
        assertThat(block(" 2001:DB8:0:0::/32 ")).hasToString("2001:db8::/32");
        assertThat(block("192.0.2.7")).hasToString("192.0.2.7/32");
        assertThat(block("::1")).hasToString("::1/128");
    }

    @Test
    void containsExactlyTheAddressesUnderItsPrefix() {
        CidrBlock ten = block("10.0.0.0/8");
        assertThat(ten.contains(address("10.255.1.2"))).isTrue();
        assertThat(ten.contains(address("11.0.0.0"))).isFalse();
        assertThat(ten.contains(address("9.255.255.255"))).isFalse();
        CidrBlock documentation = block("2001:db8::/32");
        assertThat(documentation.contains(address("2001:db8:ffff::1"))).isTrue();
        assertThat(documentation.contains(address("2001:db9::1"))).isFalse();
        assertThat(block("192.0.2.0/25").contains(address("192.0.2.127"))).isTrue();
        assertThat(block("192.0.2.0/25").contains(address("192.0.2.128"))).isFalse();
    }

    @Test
    void slashZeroContainsEveryAddressOfItsFamilyOnly() {
        assertThat(block("0.0.0.0/0").contains(address("203.0.113.9"))).isTrue();
        assertThat(block("0.0.0.0/0").contains(address("2001:db8::1"))).isFalse();
        assertThat(block("::/0").contains(address("2001:db8::1"))).isTrue();
        assertThat(block("::/0").contains(address("203.0.113.9"))).isFalse();
    }

    @Test
    void anIpv4MappedIpv6BlockIsTheIpv4BlockItMaps() {
        assertThat(block("::ffff:10.0.0.0/104")).hasToString("10.0.0.0/8");
        assertThat(block("::ffff:10.0.0.0/104").contains(address("10.1.2.3"))).isTrue();
        assertThat(block("10.0.0.0/8").contains(address("::ffff:10.1.2.3"))).as("a mapped client address is IPv4").isTrue();
        assertThatThrownBy(() -> block("::ffff:10.0.0.0/95")).isInstanceOf(ValidationException.class)
                .hasMessage("allowed_ips: ::ffff:10.0.0.0/95: an IPv4-mapped block needs a prefix length of 96-128");
    }

    @Test
    void refusesABlockWithHostBitsSetNamingTheNetwork() {
        assertThatThrownBy(() -> block("10.1.2.3/8")).isInstanceOf(ValidationException.class)
                .hasMessage("allowed_ips: 10.1.2.3/8: host bits are set; the block is 10.0.0.0/8");
        assertThatThrownBy(() -> block("2001:db8::1/32")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("the block is 2001:db8::/32");
    }

    @Test
    void refusesPrefixLengthsOutsideTheFamily() {
        assertThatThrownBy(() -> block("10.0.0.0/33")).isInstanceOf(ValidationException.class)
                .hasMessage("allowed_ips: 10.0.0.0/33: prefix length must be 0-32");
        assertThatThrownBy(() -> block("::/129")).hasMessage("allowed_ips: ::/129: prefix length must be 0-128");
        assertThatThrownBy(() -> block("10.0.0.0/")).hasMessageContaining("prefix length must be 0-32");
        assertThatThrownBy(() -> block("10.0.0.0/-1")).hasMessageContaining("prefix length must be 0-32");
        assertThatThrownBy(() -> block("10.0.0.0/8/8")).hasMessageContaining("prefix length must be 0-32");
    }

    @Test
    void neverResolvesHostNamesAndRefusesZoneIdsAndJunk() {
        for (String text : new String[] {"localhost/32", "example.com", "fe80::1%eth0/128", "10.0.0", "1.2.3.4.5",
                "10.0.0.256/8", "[::1]/128x", ""}) {
            assertThatThrownBy(() -> block(text)).as(text).isInstanceOf(ValidationException.class)
                    .satisfies(failure -> assertThat(((ValidationException) failure).violations())
                            .allSatisfy(violation -> assertThat(violation.field()).isEqualTo("allowed_ips")));
        }
        assertThat(CidrBlock.literal("localhost")).isEmpty();
        assertThat(CidrBlock.literal("[2001:db8::1]")).contains(address("2001:db8::1"));
    }

    @Test
    void aBuiltBlockMustHaveItsHostBitsClear() {
        assertThatThrownBy(() -> new CidrBlock(address("10.1.0.0"), 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CidrBlock(address("10.0.0.0"), 33)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsAndWritesAddressLiteralsByHand() {
        assertThat(CidrBlock.canonical(address("2001:0DB8:0:0:1:0:0:1"))).isEqualTo("2001:db8::1:0:0:1");
        assertThat(CidrBlock.canonical(address("2001:db8::0001"))).isEqualTo("2001:db8::1");
        assertThat(CidrBlock.canonical(address("::"))).isEqualTo("::");
        assertThat(CidrBlock.canonical(address("1:2:3:4:5:6:7::"))).isEqualTo("1:2:3:4:5:6:7:0");
        assertThat(CidrBlock.canonical(address("1:0:2:3:4:5:6:7"))).as("a single zero group stays").isEqualTo("1:0:2:3:4:5:6:7");
        assertThat(CidrBlock.canonical(address("1:2:3:4:5:6:1.2.3.4"))).isEqualTo("1:2:3:4:5:6:102:304");
        assertThat(CidrBlock.canonical(address("::ffff:192.0.2.1"))).isEqualTo("192.0.2.1");
        for (String junk : new String[] {"1::2::3", ":1", "1:", ":::", "1:2:3:4:5:6:7:8:9", "1:2:3:4::5:6:7:8",
                "12345::", "g::", "1.2.3.04", "1.2.3", "256.1.1.1", "1.2.3.4:80", "::1.2.3", "1.2.3.4::"}) {
            assertThat(CidrBlock.literal(junk)).as(junk).isEmpty();
        }
    }
}
