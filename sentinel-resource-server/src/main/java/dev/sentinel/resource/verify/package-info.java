/**
 * Verifies Sentinel access tokens in a process that has no access to Sentinel's store: from the issuer's published
 * keys (JWKS) alone, and optionally with introspection for instant revocation. JDK only; no web framework.
 */
package dev.sentinel.resource.verify;
