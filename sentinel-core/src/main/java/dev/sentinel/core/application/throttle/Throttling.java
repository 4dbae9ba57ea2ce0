package dev.sentinel.core.application.throttle;

import java.util.Objects;

/**
 * The limits on failed authentication, each counted per server node:
 * <ul>
 *   <li>{@code perClientAndAddress}: failed client authentications of one {@code client_id} from one address, at the
 *   token, introspection and revocation endpoints. Keyed on the address too, so an attacker who knows a client id
 *   can never lock the rightful client out from another address.</li>
 *   <li>{@code perAddress}: failed client authentications from one address, whatever the client id (guessing across
 *   many client ids).</li>
 *   <li>{@code tokensPerAddress}: failed admin-, ingest- and metrics-token attempts from one address.</li>
 * </ul>
 * Only failures count; over a limit, every attempt of that key is refused with 429 and {@code Retry-After} until the
 * bucket refills, before any secret is checked.
 */
public record Throttling(FailureLimit perClientAndAddress, FailureLimit perAddress, FailureLimit tokensPerAddress) {

    /** 10 failures per client id and address, 50 per address, 10 admin/ingest-token failures per address, per minute. */
    public static final Throttling DEFAULTS = new Throttling(FailureLimit.parse("10/1m"), FailureLimit.parse("50/1m"),
            FailureLimit.parse("10/1m"));

    /** No throttling at all (benchmarks, tests of other things). */
    public static final Throttling OFF = new Throttling(FailureLimit.off(), FailureLimit.off(), FailureLimit.off());

    /** Whether every limit is off. */
    public boolean isOff() {
        return perClientAndAddress.isOff() && perAddress.isOff() && tokensPerAddress.isOff();
    }

    public Throttling {
        Objects.requireNonNull(perClientAndAddress, "perClientAndAddress");
        Objects.requireNonNull(perAddress, "perAddress");
        Objects.requireNonNull(tokensPerAddress, "tokensPerAddress");
    }
}
