package dev.sentinel.http.jwt;

import java.time.Instant;

/** The claims of a Sentinel access token (RFC 9068 plus {@code pass_id}). */
public record AccessTokenClaims(String issuer, String subject, String audience, Instant issuedAt, Instant expiresAt,
                                String jti, String clientId, String scope, String passId) {
}
