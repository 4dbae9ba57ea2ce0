package dev.sentinel.core.port.in;

import java.util.Objects;
import java.util.Optional;

/**
 * Where and when a request came in, as the adapter saw it: the endpoint path, the client's address (an IP literal;
 * empty when unknown), its user agent, and the {@link System#nanoTime()} at arrival, from which the use case measures
 * the duration it records. The wall-clock time of the attempt is the use case's own clock.
 */
public record RequestOrigin(String endpoint, Optional<String> clientAddress, Optional<String> userAgent,
                            long startNanos) {

    /** The longest user agent kept; longer ones are cut. */
    public static final int USER_AGENT_MAX = 512;

    public RequestOrigin {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(clientAddress, "clientAddress");
        userAgent = Objects.requireNonNull(userAgent, "userAgent").filter(agent -> !agent.isBlank())
                .map(agent -> agent.length() > USER_AGENT_MAX ? agent.substring(0, USER_AGENT_MAX) : agent);
    }

    /**
     * A request to {@code endpoint} arriving now from an unknown address without a user agent: what an application
     * that calls the use cases directly passes.
     */
    public static RequestOrigin local(String endpoint) {
        return new RequestOrigin(endpoint, Optional.empty(), Optional.empty(), System.nanoTime());
    }

    /** The same origin from {@code address}. */
    public RequestOrigin from(String address) {
        return new RequestOrigin(endpoint, Optional.of(address), userAgent, startNanos);
    }
}
