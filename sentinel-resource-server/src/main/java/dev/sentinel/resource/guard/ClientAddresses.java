package dev.sentinel.resource.guard;

import dev.sentinel.core.domain.CidrBlock;
import dev.sentinel.core.domain.ValidationException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Who the client of a request is. The socket peer, unless the peer is a trusted proxy: then the forwarding header is
 * walked from the right, skipping trusted hops, and the first untrusted hop is the client. Headers sent by any peer
 * that is not trusted are ignored, so a spoofed {@code X-Forwarded-For} changes nothing.
 *
 * <ul>
 *   <li>RFC 7239 {@code Forwarded: for=…} and {@code X-Forwarded-For} are both understood. When a trusted peer sends
 *       both and they name different clients, the client is unknown (a pass bound to networks refuses it): Sentinel
 *       cannot tell which one the proxy wrote and which one came from the client.</li>
 *   <li>{@code for=unknown} and obfuscated identifiers ({@code for=_hidden}) end the walk: that identifier is the
 *       client, and it matches no network.</li>
 *   <li>A hop that cannot be parsed ends the walk too: the client is then the nearest trusted hop (the right-most one
 *       that could be parsed), whose view is the last one to be relied on.</li>
 *   <li>Ports ({@code 192.0.2.1:4711}, {@code "[2001:db8::1]:4711"}) are dropped; addresses come back in canonical
 *       form (RFC 5952 for IPv6, IPv4-mapped IPv6 as IPv4). Nothing is ever looked up in DNS.</li>
 * </ul>
 *
 * Immutable and thread-safe.
 */
public final class ClientAddresses {

    /** The setting's name, as used in error messages. */
    public static final String FIELD = "trusted_proxies";
    /** The most characters of a client identifier kept. */
    static final int MAX_LENGTH = 64;
    private static final ClientAddresses NONE = new ClientAddresses(List.of());

    private final List<CidrBlock> trusted;

    private ClientAddresses(List<CidrBlock> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    /** Trusts no proxy: the client is always the socket peer. The default. */
    public static ClientAddresses none() {
        return NONE;
    }

    /**
     * Trusts the peers inside {@code proxies} (CIDR blocks or single addresses) to report their client in forwarding
     * headers.
     *
     * @throws IllegalArgumentException naming {@value #FIELD}, the block and the broken rule
     */
    public static ClientAddresses trusting(Collection<String> proxies) {
        Objects.requireNonNull(proxies, FIELD);
        LinkedHashSet<CidrBlock> blocks = new LinkedHashSet<>();
        for (String proxy : proxies) {
            try {
                blocks.add(CidrBlock.parse(FIELD, proxy));
            } catch (ValidationException malformed) {
                throw new IllegalArgumentException(malformed.getMessage(), malformed);
            }
        }
        return blocks.isEmpty() ? NONE : new ClientAddresses(new ArrayList<>(blocks));
    }

    /** The trusted proxy blocks in canonical form; empty when no proxy is trusted. */
    public List<String> trustedProxies() {
        return trusted.stream().map(CidrBlock::toString).toList();
    }

    /**
     * The client of a request.
     *
     * @param peer          the socket peer's address as the server reports it
     * @param forwarded     the values of every {@code Forwarded} header line, in order
     * @param xForwardedFor the values of every {@code X-Forwarded-For} header line, in order
     * @return the client's address (canonical), an identifier such as {@code unknown} that names no address, or empty
     *         when it cannot be told
     */
    public Optional<String> resolve(String peer, List<String> forwarded, List<String> xForwardedFor) {
        if (peer == null || peer.isBlank()) {
            return Optional.empty();
        }
        Optional<InetAddress> peerAddress = CidrBlock.literal(peer.strip());
        if (peerAddress.isEmpty()) {
            return Optional.of(clip(peer.strip()));
        }
        String peerText = CidrBlock.canonical(peerAddress.get());
        if (!isTrusted(peerAddress.get())) {
            return Optional.of(peerText);
        }
        Optional<String> viaForwarded = present(forwarded) ? Optional.of(walk(forwardedHops(forwarded), peerText))
                : Optional.empty();
        Optional<String> viaXff = present(xForwardedFor) ? Optional.of(walk(plainHops(xForwardedFor), peerText))
                : Optional.empty();
        if (viaForwarded.isPresent() && viaXff.isPresent()) {
            return viaForwarded.equals(viaXff) ? viaForwarded : Optional.empty();
        }
        return viaForwarded.or(() -> viaXff).or(() -> Optional.of(peerText));
    }

    private boolean isTrusted(InetAddress address) {
        return trusted.stream().anyMatch(block -> block.contains(address));
    }

    /** Right to left: a trusted hop passes the question on; anything else is the answer. */
    private String walk(List<Hop> hops, String peer) {
        String nearest = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Hop hop = hops.get(i);
            if (hop.malformed()) {
                return nearest;
            }
            if (hop.address().isEmpty() || !isTrusted(hop.address().get())) {
                return hop.text();
            }
            nearest = hop.text();
        }
        return nearest;
    }

    private static boolean present(List<String> values) {
        return values != null && values.stream().anyMatch(value -> value != null && !value.isBlank());
    }

    private static List<Hop> plainHops(List<String> lines) {
        List<Hop> hops = new ArrayList<>();
        for (String element : elements(lines)) {
            hops.add(node(element.strip()));
        }
        return hops;
    }

    private static List<Hop> forwardedHops(List<String> lines) {
        List<Hop> hops = new ArrayList<>();
        for (String element : elements(lines)) {
            Hop hop = Hop.MALFORMED;
            for (String pair : split(element, ';')) {
                int equals = pair.indexOf('=');
                if (equals > 0 && pair.substring(0, equals).strip().equalsIgnoreCase("for")) {
                    hop = unquote(pair.substring(equals + 1).strip()).map(ClientAddresses::node).orElse(Hop.MALFORMED);
                    break;
                }
            }
            hops.add(hop);
        }
        return hops;
    }

    /** The comma-separated elements of every line, in order, blank ones dropped. */
    private static List<String> elements(List<String> lines) {
        List<String> elements = new ArrayList<>();
        for (String line : lines) {
            if (line == null) {
                continue;
            }
            for (String element : split(line, ',')) {
                if (!element.isBlank()) {
                    elements.add(element);
                }
            }
        }
        return elements;
    }

    /** Splits at {@code separator} outside quoted strings. */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted && i + 1 < text.length()) {
                current.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == separator && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static Optional<String> unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            String inner = value.substring(1, value.length() - 1);
            return inner.contains("\"") || inner.contains("\\") ? Optional.empty() : Optional.of(inner);
        }
        return value.isEmpty() || value.contains("\"") ? Optional.empty() : Optional.of(value);
    }

    /** One node: an address with an optional port, {@code unknown}, or an obfuscated identifier. */
    private static Hop node(String text) {
        if (text.equalsIgnoreCase("unknown")) {
            return new Hop(false, Optional.empty(), "unknown");
        }
        if (text.startsWith("_") && text.length() <= MAX_LENGTH && text.matches("_[A-Za-z0-9._-]+")) {
            return new Hop(false, Optional.empty(), text);
        }
        String host = text;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || (close + 1 < text.length() && text.charAt(close + 1) != ':')) {
                return Hop.MALFORMED;
            }
            host = text.substring(1, close);
        } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':') && text.contains(".")) {
            host = text.substring(0, text.indexOf(':')); // IPv4 with a port
        }
        Optional<InetAddress> address = CidrBlock.literal(host);
        return address.map(found -> new Hop(false, address, CidrBlock.canonical(found))).orElse(Hop.MALFORMED);
    }

    private static String clip(String text) {
        return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) : text;
    }

    @Override
    public String toString() {
        return trusted.isEmpty() ? "ClientAddresses[socket peer]" : "ClientAddresses[trusting " + trustedProxies() + "]";
    }

    /** A parsed hop: malformed, an address, or an identifier that names no address. */
    private record Hop(boolean malformed, Optional<InetAddress> address, String text) {
        static final Hop MALFORMED = new Hop(true, Optional.empty(), "");
    }
}
