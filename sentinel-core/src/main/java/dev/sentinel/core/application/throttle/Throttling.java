package dev.sentinel.core.application.throttle;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The limits on failed authentication, each counted per server node:
 * <ul>
 *   <li>{@code perClientAndAddress}: failed client authentications of one {@code client_id} from one source, at the
 *   token, introspection and revocation endpoints. Keyed on the source too, so an attacker who knows a client id
 *   can never lock the rightful client out from another address.</li>
 *   <li>{@code perAddress}: failed client authentications from one source, whatever the client id (guessing across
 *   many client ids). A (client id, source) pair that authenticated successfully within {@code recentSuccess} is not
 *   held to it (nor counted in it), so rightful clients behind a shared address keep getting tokens while another
 *   sender there guesses.</li>
 *   <li>{@code tokensPerAddress}: failed admin-, ingest- and metrics-token attempts from one source.</li>
 * </ul>
 * A source is an IPv4 address, or the IPv6 network of {@code ipv6Prefix} bits an IPv6 address lies in (32–128; 128
 * counts every IPv6 address on its own). Only failures count; each client authentication takes its share of the
 * buckets before its secret is checked and gives it back when it succeeds, so concurrent attempts cannot check more
 * than a limit allows. Over a limit, every attempt of that key is refused with 429 and {@code Retry-After} until the
 * bucket refills, before any secret is checked.
 *
 * @param recentSuccess how long a successful client authentication lets its pair past {@code perAddress}; zero: never
 */
public record Throttling(FailureLimit perClientAndAddress, FailureLimit perAddress, FailureLimit tokensPerAddress,
                         int ipv6Prefix, Duration recentSuccess) {

    /** The IPv6 network one source stands for unless configured: a /64, what one host or site is commonly given. */
    public static final int DEFAULT_IPV6_PREFIX = 64;
    /** How long a success lets a pair past the per-address limit unless configured. */
    public static final Duration DEFAULT_RECENT_SUCCESS = Duration.ofHours(24);
    /** The longest {@code recentSuccess}. */
    public static final Duration MAX_RECENT_SUCCESS = Duration.ofDays(30);

    /** 10 failures per client id and address, 50 per address, 10 admin/ingest-token failures per address, per minute. */
    public static final Throttling DEFAULTS = new Throttling(FailureLimit.parse("10/1m"), FailureLimit.parse("50/1m"),
            FailureLimit.parse("10/1m"));

    /** No throttling at all (benchmarks, tests of other things). */
    public static final Throttling OFF = new Throttling(FailureLimit.off(), FailureLimit.off(), FailureLimit.off());

    public Throttling {
        Objects.requireNonNull(perClientAndAddress, "perClientAndAddress");
        Objects.requireNonNull(perAddress, "perAddress");
        Objects.requireNonNull(tokensPerAddress, "tokensPerAddress");
        Objects.requireNonNull(recentSuccess, "recentSuccess");
        ipv6PrefixProblem(ipv6Prefix).ifPresent(problem -> {
            throw new IllegalArgumentException("ipv6Prefix " + problem);
        });
        recentSuccessProblem(recentSuccess).ifPresent(problem -> {
            throw new IllegalArgumentException("recentSuccess " + problem);
        });
    }

    /** The limits with the default IPv6 network ({@value #DEFAULT_IPV6_PREFIX} bits) and memory of successes (24 h). */
    public Throttling(FailureLimit perClientAndAddress, FailureLimit perAddress, FailureLimit tokensPerAddress) {
        this(perClientAndAddress, perAddress, tokensPerAddress, DEFAULT_IPV6_PREFIX, DEFAULT_RECENT_SUCCESS);
    }

    /** These limits, with an IPv6 source standing for its network of {@code prefix} bits. */
    public Throttling withIpv6Prefix(int prefix) {
        return new Throttling(perClientAndAddress, perAddress, tokensPerAddress, prefix, recentSuccess);
    }

    /** These limits, with a success letting its pair past the per-address limit for {@code window}. */
    public Throttling withRecentSuccess(Duration window) {
        return new Throttling(perClientAndAddress, perAddress, tokensPerAddress, ipv6Prefix, window);
    }

    /** Whether every limit is off. */
    public boolean isOff() {
        return perClientAndAddress.isOff() && perAddress.isOff() && tokensPerAddress.isOff();
    }

    /** The rule {@code prefix} breaks as an IPv6 source network, if any: what settings report. */
    public static Optional<String> ipv6PrefixProblem(int prefix) {
        return prefix < 32 || prefix > 128 ? Optional.of("must be between 32 and 128 (got " + prefix + ")")
                : Optional.empty();
    }

    /** The rule {@code window} breaks as the memory of successes, if any: what settings report. */
    public static Optional<String> recentSuccessProblem(Duration window) {
        boolean broken = window == null || window.isNegative() || window.compareTo(MAX_RECENT_SUCCESS) > 0;
        return broken ? Optional.of("must be between 0 (never) and 30d (got " + window + ")") : Optional.empty();
    }
}
