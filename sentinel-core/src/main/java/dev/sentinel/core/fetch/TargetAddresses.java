package dev.sentinel.core.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;

/**
 * Which addresses a server must not reach on someone else's say-so: what names the machine itself, its private
 * networks or no single host. IPv4-mapped and IPv4-compatible IPv6 forms are judged by the IPv4 address they carry.
 */
final class TargetAddresses {

    private TargetAddresses() {
    }

    /** Why the address is not public (e.g. "loopback"), or empty when it is. */
    static Optional<String> nonPublic(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            Optional<Inet4Address> carried = carriedIpv4(v6.getAddress());
            if (carried.isPresent()) {
                return nonPublic(carried.get());
            }
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("unspecified");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("loopback");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("link-local");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("private");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("multicast");
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            if (first == 0) {
                return Optional.of("unspecified (0.0.0.0/8)");
            }
            if (first == 100 && (second & 0xc0) == 64) {
                return Optional.of("carrier-grade NAT (100.64.0.0/10)");
            }
            if (first >= 240) {
                return Optional.of("reserved (240.0.0.0/4)");
            }
        } else if ((bytes[0] & 0xfe) == 0xfc) {
            return Optional.of("unique-local (fc00::/7)");
        }
        return Optional.empty();
    }

    /** The IPv4 address in {@code ::ffff:a.b.c.d} or {@code ::a.b.c.d} (not {@code ::} or {@code ::1}). */
    private static Optional<Inet4Address> carriedIpv4(byte[] bytes) {
        boolean zeroPrefix = Arrays.equals(bytes, 0, 10, new byte[10], 0, 10);
        boolean mapped = zeroPrefix && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
        boolean compatible = zeroPrefix && bytes[10] == 0 && bytes[11] == 0
                && !(bytes[12] == 0 && bytes[13] == 0 && bytes[14] == 0 && (bytes[15] == 0 || bytes[15] == 1));
        if (!mapped && !compatible) {
            return Optional.empty();
        }
        try {
            return Optional.of((Inet4Address) InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16)));
        } catch (java.net.UnknownHostException impossible) {
            return Optional.empty();
        }
    }
}
