package dev.sentinel.core.domain;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The networks a pass may be used from ({@code allowed_ips}): at most {@value #MAX_BLOCKS} CIDR blocks, IPv4 and IPv6
 * mixed, no duplicates. Empty means any address (the default). Immutable.
 */
public record AllowedNetworks(List<CidrBlock> blocks) {

    public static final String FIELD = "allowed_ips";
    /** The most blocks a pass may list; a longer list belongs in a firewall. */
    public static final int MAX_BLOCKS = 50;

    public AllowedNetworks {
        Objects.requireNonNull(blocks, FIELD);
        blocks = List.copyOf(blocks);
        if (blocks.size() > MAX_BLOCKS) {
            throw ValidationException.of(FIELD, "must list at most " + MAX_BLOCKS + " network blocks (got "
                    + blocks.size() + ")");
        }
        if (new LinkedHashSet<>(blocks).size() != blocks.size()) {
            throw new IllegalArgumentException("allowed networks hold each block once");
        }
    }

    /** No restriction: any address may use the pass. */
    public static AllowedNetworks any() {
        return new AllowedNetworks(List.of());
    }

    /**
     * Parses blocks as users write them; null or empty means any address. Every malformed block is named at once; a
     * block written twice (also in another spelling of the same block) is kept once.
     *
     * @throws ValidationException on {@value #FIELD}
     */
    public static AllowedNetworks parse(Collection<String> texts) {
        if (texts == null || texts.isEmpty()) {
            return any();
        }
        if (texts.size() > MAX_BLOCKS) {
            throw ValidationException.of(FIELD, "must list at most " + MAX_BLOCKS + " network blocks (got "
                    + texts.size() + ")");
        }
        Violations violations = new Violations();
        LinkedHashSet<CidrBlock> parsed = new LinkedHashSet<>();
        for (String text : texts) {
            CidrBlock block = violations.check(() -> CidrBlock.parse(FIELD, text));
            if (block != null) {
                parsed.add(block);
            }
        }
        violations.throwIfAny();
        return new AllowedNetworks(new ArrayList<>(parsed));
    }

    /** Parses a comma- or space-separated list, as stored and as typed on a command line; blank means any. */
    public static AllowedNetworks parseList(String text) {
        if (text == null || text.isBlank()) {
            return any();
        }
        List<String> parts = new ArrayList<>();
        for (String part : text.strip().split("[\\s,]+")) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        return parse(parts);
    }

    /** Whether any address may use the pass. */
    public boolean isUnrestricted() {
        return blocks.isEmpty();
    }

    /** Whether {@code address} may use the pass: always when unrestricted, else when a block contains it. */
    public boolean permits(InetAddress address) {
        return isUnrestricted() || blocks.stream().anyMatch(block -> block.contains(address));
    }

    /**
     * Whether the client at {@code address} (an address literal) may use the pass. An unknown or unparsable address
     * is permitted only when the pass is unrestricted.
     */
    public boolean permits(Optional<String> address) {
        if (isUnrestricted()) {
            return true;
        }
        return address.flatMap(CidrBlock::literal).map(this::permits).orElse(false);
    }

    /** The blocks in canonical form, e.g. {@code ["10.0.0.0/8", "2001:db8::/32"]}. */
    public List<String> texts() {
        return blocks.stream().map(CidrBlock::toString).toList();
    }

    /** The canonical comma-separated form; empty when unrestricted. */
    public String asString() {
        return blocks.stream().map(CidrBlock::toString).collect(Collectors.joining(","));
    }

    @Override
    public String toString() {
        return isUnrestricted() ? "any" : asString();
    }
}
