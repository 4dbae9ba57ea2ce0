package dev.sentinel.core.domain;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A block of IPv4 or IPv6 addresses in CIDR notation, e.g. {@code 10.0.0.0/8} or {@code 2001:db8::/32}. Parsing reads
 * address literals only and never asks DNS. A bare address is a single-host block ({@code /32} or {@code /128}). A
 * block with host bits set ({@code 10.1.2.3/8}) is refused rather than silently widened or narrowed, since what the
 * writer meant is unclear. An IPv4-mapped IPv6 block ({@code ::ffff:10.0.0.0/104}) is the IPv4 block it maps
 * ({@code 10.0.0.0/8}), as an IPv4 client address is compared as IPv4 whichever way the socket reports it. Zone ids
 * ({@code fe80::1%eth0}) are refused. Immutable.
 *
 * @param network      the first address of the block (host bits clear)
 * @param prefixLength the number of leading bits every address of the block shares
 */
public record CidrBlock(InetAddress network, int prefixLength) {

    /** The longest text accepted: the longest IPv6 literal with IPv4 tail plus a prefix. */
    static final int MAX_TEXT_LENGTH = 64;

    public CidrBlock {
        Objects.requireNonNull(network, "network");
        int bits = bits(network);
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length must be 0-" + bits);
        }
        if (!network.equals(mask(network, prefixLength))) {
            throw new IllegalArgumentException("the network address has host bits set");
        }
    }

    /**
     * Parses {@code address/prefix} or a bare address.
     *
     * @throws ValidationException on {@code field}, naming the text and the broken rule
     */
    public static CidrBlock parse(String field, String text) {
        Objects.requireNonNull(field, "field");
        if (text == null || text.isBlank()) {
            throw ValidationException.of(field, "a network block may not be empty");
        }
        String raw = text.strip();
        String shown = raw.length() > MAX_TEXT_LENGTH ? raw.substring(0, MAX_TEXT_LENGTH) + "…" : raw;
        if (raw.length() > MAX_TEXT_LENGTH) {
            throw ValidationException.of(field, shown + ": is longer than " + MAX_TEXT_LENGTH + " characters");
        }
        int slash = raw.indexOf('/');
        String addressText = slash < 0 ? raw : raw.substring(0, slash);
        boolean mapped = addressText.contains(":") && addressText.contains(".");
        InetAddress address = literal(addressText).orElseThrow(() -> ValidationException.of(field, shown
                + ": must be an IPv4 or IPv6 address, optionally followed by /prefix (like 10.0.0.0/8 or 2001:db8::/32)"));
        boolean ipv4 = address instanceof Inet4Address;
        int writtenBits = ipv4 && !mapped ? 32 : 128;
        int prefix = writtenBits;
        if (slash >= 0) {
            String prefixText = raw.substring(slash + 1);
            if (!prefixText.matches("[0-9]{1,3}") || Integer.parseInt(prefixText) > writtenBits) {
                throw ValidationException.of(field, shown + ": prefix length must be 0-" + writtenBits);
            }
            prefix = Integer.parseInt(prefixText);
        }
        if (ipv4 && mapped) {
            if (prefix < 96) {
                throw ValidationException.of(field, shown + ": an IPv4-mapped block needs a prefix length of 96-128");
            }
            prefix -= 96;
        }
        InetAddress network = mask(address, prefix);
        if (!network.equals(address)) {
            throw ValidationException.of(field, shown + ": host bits are set; the block is "
                    + IpLiterals.format(network) + "/" + prefix);
        }
        return new CidrBlock(network, prefix);
    }

    /**
     * The address a literal names, without any DNS lookup: IPv4 dotted quad or IPv6 (IPv4-mapped IPv6 becomes IPv4);
     * empty for anything else, host names and zone ids included.
     */
    public static Optional<InetAddress> literal(String text) {
        if (text == null || text.isEmpty() || text.indexOf('%') >= 0 || text.length() > MAX_TEXT_LENGTH) {
            return Optional.empty();
        }
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        return IpLiterals.parse(bare);
    }

    /** The canonical text of an address: dotted-decimal IPv4, or IPv6 as RFC 5952 writes it. */
    public static String canonical(InetAddress address) {
        return IpLiterals.format(Objects.requireNonNull(address, "address"));
    }

    /** Whether {@code address} lies in this block; an IPv4 address is never in an IPv6 block, nor the other way. */
    public boolean contains(InetAddress address) {
        Objects.requireNonNull(address, "address");
        if (bits(address) != bits(network)) {
            return false;
        }
        return mask(address, prefixLength).equals(network);
    }

    private static int bits(InetAddress address) {
        return address.getAddress().length * 8;
    }

    private static InetAddress mask(InetAddress address, int prefix) {
        byte[] bytes = address.getAddress();
        for (int bit = prefix; bit < bytes.length * 8; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (java.net.UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The canonical form: RFC 5952 for IPv6, with the prefix length always written. */
    @Override
    public String toString() {
        return IpLiterals.format(network) + "/" + prefixLength;
    }
}
