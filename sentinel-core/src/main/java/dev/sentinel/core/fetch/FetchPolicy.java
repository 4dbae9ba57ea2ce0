package dev.sentinel.core.fetch;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What one caller of the {@link TrustedFetcher} may reach and how long and large a fetch may be: the deadline of a
 * whole fetch (name resolution, connect, headers and body), the body size cap, whether private addresses (and plain
 * http to them) are allowed, and the host names allowed whatever their address. Immutable and thread-safe; the allowed
 * hosts are read from their supplier at each fetch, so an owner's change applies without a new policy.
 */
public final class FetchPolicy {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_BYTES = 256 * 1024;

    private final Duration timeout;
    private final int maxBytes;
    private final boolean allowPrivateTargets;
    private final Supplier<Set<String>> allowedHosts;
    private final String privateTargetsHint;

    private FetchPolicy(Builder builder) {
        this.privateTargetsHint = builder.privateTargetsHint;
        this.timeout = builder.timeout;
        this.maxBytes = builder.maxBytes;
        this.allowPrivateTargets = builder.allowPrivateTargets;
        this.allowedHosts = builder.allowedHosts;
    }

    /** The server's default: 5 s, 256 KiB, https to public addresses only, no allowed hosts. */
    public static FetchPolicy publicTargetsOnly() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The deadline of one whole fetch, from name resolution to the last byte of the body. */
    public Duration timeout() {
        return timeout;
    }

    /** The largest body accepted, in bytes; a longer body is cut off while it is read. */
    public int maxBytes() {
        return maxBytes;
    }

    /** Whether loopback, link-local and private addresses may be reached, and plain http to them. */
    public boolean allowPrivateTargets() {
        return allowPrivateTargets;
    }

    /** Whether {@code host} is on the allowed list (compared without case), so its addresses are not checked. */
    public boolean allowsHost(String host) {
        return allowedHosts.get().contains(host.toLowerCase(Locale.ROOT));
    }

    /**
     * Whether a URL given now for later fetches may be plain {@code http} to {@code host}, by the rule every fetch
     * applies again: private targets allowed, and each address the host resolves to is loopback, link-local, private
     * or otherwise not public (an address literal is judged as it is; a name that does not resolve is refused).
     */
    public boolean allowsPlainHttpTo(String host) {
        if (!allowPrivateTargets || host == null || host.isEmpty()) {
            return false;
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            java.net.InetAddress[] addresses = java.net.InetAddress.getAllByName(bare);
            return addresses.length > 0 && java.util.Arrays.stream(addresses)
                    .allMatch(address -> TargetAddresses.nonPublic(address).isPresent());
        } catch (java.net.UnknownHostException unknown) {
            return false;
        }
    }

    /** What a refusal of a private address tells the operator to do, e.g. which setting allows it. */
    public String privateTargetsHint() {
        return privateTargetsHint;
    }

    @Override
    public String toString() {
        return "FetchPolicy[timeout=" + timeout + ", maxBytes=" + maxBytes + ", allowPrivateTargets=" + allowPrivateTargets + "]";
    }

    /** Configures a policy; {@link #build()} copies every value. Not thread-safe. */
    public static final class Builder {
        private Duration timeout = DEFAULT_TIMEOUT;
        private int maxBytes = DEFAULT_MAX_BYTES;
        private boolean allowPrivateTargets;
        private Supplier<Set<String>> allowedHosts = Set::of;
        private String privateTargetsHint = "private targets are not allowed by this fetch policy";

        private Builder() {
        }

        /** The advice a refused private address carries, e.g. the option that allows it. */
        public Builder privateTargetsHint(String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("privateTargetsHint must not be blank");
            }
            this.privateTargetsHint = value;
            return this;
        }

        /** The deadline of a whole fetch; between 1 ms and 1 min, default 5 s. */
        public Builder timeout(Duration value) {
            Objects.requireNonNull(value, "timeout");
            if (value.compareTo(Duration.ofMillis(1)) < 0 || value.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("timeout must be between 1 ms and 1 min (got " + value + ")");
            }
            this.timeout = value;
            return this;
        }

        /** The body size cap in bytes; between 1 and 16 MiB, default 256 KiB. */
        public Builder maxBytes(int value) {
            if (value < 1 || value > 16 * 1024 * 1024) {
                throw new IllegalArgumentException("maxBytes must be between 1 and 16 MiB (got " + value + ")");
            }
            this.maxBytes = value;
            return this;
        }

        /** Allows loopback, link-local and private addresses, and plain http to them; default false. */
        public Builder allowPrivateTargets(boolean value) {
            this.allowPrivateTargets = value;
            return this;
        }

        /**
         * The host names whose addresses are not checked (internal issuers an owner trusts); https is still required
         * unless private targets are allowed. Names are lower case; the supplier is called at every fetch and should
         * be cheap (cache a store read).
         */
        public Builder allowedHosts(Supplier<Set<String>> value) {
            this.allowedHosts = Objects.requireNonNull(value, "allowedHosts");
            return this;
        }

        public FetchPolicy build() {
            return new FetchPolicy(this);
        }
    }
}
