package dev.sentinel.cli.options;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The token options that {@code serve} and {@code keys rotate} share: the algorithm of new signing keys and the access
 * token lifetime (which also says how long a retired key stays published). Each reads its env variable through
 * picocli, so both commands take the same values the same way.
 */
public final class TokenOptions {

    @Option(names = "--signing-algorithm", paramLabel = "ALG", completionCandidates = Candidates.SigningAlgorithms.class,
            defaultValue = "${env:SENTINEL_SIGNING_ALGORITHM}",
            description = "Algorithm of new signing keys: ES256, EdDSA or RS256. When serve finds the current key has "
                    + "another, it makes a new key on start (the old one stays published until its tokens expire). Env: "
                    + "SENTINEL_SIGNING_ALGORITHM. Default: the store's current algorithm; ES256 for a new store.")
    String signingAlgorithm;

    @Option(names = "--token-lifetime", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:SENTINEL_TOKEN_LIFETIME:-15m}",
            description = "Access-token lifetime, e.g. 5m, 15m, 1h (1s to 24h); retired signing keys stay published "
                    + "this long. Env: SENTINEL_TOKEN_LIFETIME. Default: ${DEFAULT-VALUE}")
    Duration tokenLifetime;

    /** The algorithm named, as given; null or blank for the store's current one. */
    public String signingAlgorithm() {
        return signingAlgorithm;
    }

    public Duration tokenLifetime() {
        return tokenLifetime;
    }
}
