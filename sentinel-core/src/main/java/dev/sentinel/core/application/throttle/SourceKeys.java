package dev.sentinel.core.application.throttle;

import dev.sentinel.core.domain.CidrBlock;
import dev.sentinel.core.domain.ClientId;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The keys the throttle counts under. An IPv4 address is its own source; an IPv6 address stands for its network of
 * {@code ipv6Prefix} bits ({@code 2001:db8:1:2::/64} by default), since one host is commonly given a whole /64 and
 * could otherwise pick a fresh source address for every attempt. Client ids are attacker-chosen: only well-formed ones
 * are kept as they are. Immutable.
 */
final class SourceKeys {

    /** The stand-in key for callers whose address is unknown or unreadable and for malformed client ids. */
    static final String UNKNOWN = "-";

    private final int ipv6Prefix;

    SourceKeys(int ipv6Prefix) {
        this.ipv6Prefix = ipv6Prefix;
    }

    /** The source {@code address} counts as: the address itself, or its IPv6 network ({@code 2001:db8::/64}). */
    String source(Optional<String> address) {
        if (address.isEmpty() || address.get().isBlank()) {
            return UNKNOWN;
        }
        String value = address.get();
        if (value.indexOf(':') < 0) {
            return value; // IPv4: the hot path parses nothing
        }
        Optional<InetAddress> parsed = CidrBlock.literal(value);
        if (parsed.isEmpty()) {
            return UNKNOWN;
        }
        InetAddress ip = parsed.get();
        if (!(ip instanceof Inet6Address)) {
            return CidrBlock.canonical(ip); // IPv4-mapped IPv6 is the IPv4 address it maps
        }
        return CidrBlock.canonical(network(ip)) + "/" + ipv6Prefix;
    }

    /** The key of a client id from a source. */
    static String pair(String clientId, String source) {
        return shown(clientId) + " " + source;
    }

    static String shown(String clientId) {
        return ClientId.isWellFormed(clientId) ? clientId : UNKNOWN;
    }

    private InetAddress network(InetAddress ip) {
        byte[] bytes = ip.getAddress();
        for (int bit = ipv6Prefix; bit < 128; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
