package dev.sentinel.resource.verify;

/**
 * What a verifier asked of the issuer since it was built: JWKS and metadata fetches and how many failed, introspection
 * requests (answers from the cache not counted) and how many failed, so an operator sees a verifier that fails closed.
 */
public record VerifierStats(long keyFetches, long keyFetchFailures, long introspections, long introspectionFailures) {
}
