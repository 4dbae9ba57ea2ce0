package dev.sentinel.resource.guard;

import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.jose.JoseJson;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The outcome of checking a request's bearer token: allowed, with the caller's pass, client and scopes; or denied,
 * with the HTTP status (401 or 403, or 503 when a remote guard cannot reach the issuer), the RFC 6750 error code, a
 * description for the caller, the reason for the activity record (which may say more than the caller is told) and,
 * when the token named a pass, that pass (so the refusal can be recorded against it). Immutable.
 */
public final class GuardDecision {

    private final boolean allowed;
    private final int status;
    private final String error;
    private final String description;
    private final PassId passId;
    private final String clientId;
    private final Set<String> scopes;
    private final String reason;

    private GuardDecision(boolean allowed, int status, String error, String description, PassId passId,
                          String clientId, Set<String> scopes) {
        this(allowed, status, error, description, passId, clientId, scopes, description);
    }

    private GuardDecision(boolean allowed, int status, String error, String description, PassId passId,
                          String clientId, Set<String> scopes, String reason) {
        this.allowed = allowed;
        this.status = status;
        this.error = error;
        this.description = description;
        this.passId = passId;
        this.clientId = clientId;
        this.scopes = Set.copyOf(scopes);
        this.reason = reason;
    }

    static GuardDecision allow(PassId passId, String clientId, Set<String> scopes) {
        return new GuardDecision(true, 200, null, null, Objects.requireNonNull(passId), clientId, scopes);
    }

    /** No usable token: 401 with {@code invalid_request} (no credentials) or {@code invalid_token}. */
    static GuardDecision unauthorized(String error, String description, Optional<PassId> passId) {
        return new GuardDecision(false, 401, error, description, passId.orElse(null), null, Set.of());
    }

    /** 401 {@code invalid_token} telling the caller {@code description} and recording {@code reason}. */
    static GuardDecision invalidToken(String description, String reason, Optional<PassId> passId) {
        return new GuardDecision(false, 401, "invalid_token", description, passId.orElse(null), null, Set.of(), reason);
    }

    /**
     * The issuer could not be asked (keys or introspection unavailable): 503 {@code temporarily_unavailable}, so the
     * caller retries with the same token instead of fetching a new one.
     */
    static GuardDecision unavailable(String reason, Optional<PassId> passId) {
        return new GuardDecision(false, 503, "temporarily_unavailable", "the token cannot be checked now; retry later",
                passId.orElse(null), null, Set.of(), reason);
    }

    /** A valid token without the permission the route needs: 403 {@code insufficient_scope}. */
    static GuardDecision forbidden(String permission, PassId passId, String clientId, Set<String> scopes) {
        return new GuardDecision(false, 403, "insufficient_scope", "this route needs the permission " + permission,
                passId, clientId, scopes);
    }

    /**
     * 401 {@code invalid_token} telling the caller {@code description} and recording {@code reason}, against the pass
     * (and client) when the token named a genuine one.
     */
    static GuardDecision refused(String description, String reason, Optional<PassId> passId, Optional<String> clientId) {
        return new GuardDecision(false, 401, "invalid_token", description, passId.orElse(null), clientId.orElse(null),
                Set.of(), reason);
    }

    public boolean allowed() {
        return allowed;
    }

    /** 200 when allowed, else 401, 403 or 503. */
    public int status() {
        return status;
    }

    /** The RFC 6750 error code when denied: {@code invalid_request}, {@code invalid_token}, {@code insufficient_scope}. */
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    /** Why the request was refused, for the activity record; may say more than {@link #description()}. */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    /** The pass the token belongs to, when the token was genuine. */
    public Optional<PassId> passId() {
        return Optional.ofNullable(passId);
    }

    public Optional<String> clientId() {
        return Optional.ofNullable(clientId);
    }

    public Set<String> scopes() {
        return scopes;
    }

    /** The {@code WWW-Authenticate} value of a refusal (RFC 6750 §3); empty when allowed. */
    public Optional<String> wwwAuthenticate(String realm) {
        if (allowed || status == 503) {
            return Optional.empty();
        }
        StringBuilder value = new StringBuilder("Bearer realm=\"").append(realm).append('"');
        if (!"invalid_request".equals(error) || description != null) {
            value.append(", error=\"").append(error).append('"');
        }
        if (description != null) {
            value.append(", error_description=\"").append(description.replace("\"", "'")).append('"');
        }
        return Optional.of(value.toString());
    }

    /**
     * The {@code WWW-Authenticate} value of a refusal with the RFC 9728 {@code resource_metadata} parameter, which
     * tells the caller where to read how to get a token for {@code resource}; empty when allowed.
     */
    public Optional<String> wwwAuthenticate(String realm, ProtectedResource resource) {
        Objects.requireNonNull(resource, "resource");
        return wwwAuthenticate(realm).map(value -> value + ", resource_metadata=\"" + resource.metadataUri() + '"');
    }

    /**
     * The {@code WWW-Authenticate} value of a refusal: with {@code resource}, its RFC 9728 {@code resource_metadata};
     * empty when allowed (or when the issuer could not be asked).
     */
    public Optional<String> challenge(String realm, Optional<ProtectedResource> resource) {
        return resource.isPresent() ? wwwAuthenticate(realm, resource.get()) : wwwAuthenticate(realm);
    }

    /** The {@code Retry-After} seconds of a refusal the caller should retry: 5 when the issuer could not be asked. */
    public Optional<String> retryAfter() {
        return status == 503 ? Optional.of("5") : Optional.empty();
    }

    /** The JSON body of a refusal: {@code {"error", "error_description"}} (RFC 6750 §3.1 codes). */
    public byte[] errorBody() {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error().orElse("invalid_request"));
        description().ifPresent(text -> body.put("error_description", text));
        return JoseJson.write(body);
    }

    @Override
    public String toString() {
        return allowed ? "GuardDecision[allowed, pass=" + passId + "]" : "GuardDecision[" + status + " " + error + "]";
    }
}
