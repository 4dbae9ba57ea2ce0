package dev.sentinel.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A Sentinel Pass: the metadata and state linked to one agent user. Immutable; changes make new instances.
 *
 * <p>The {@code generation} counts the changes that end every token issued before them: toggling off, revoking and
 * regenerating the secret without grace advance it. Tokens carry the generation they were issued in, so a token from
 * an older generation stays dead when the pass is turned on again.
 *
 * <p>{@code allowedAudiences} are the resource servers its tokens may be issued for (RFC 8707); none means the
 * server's default audience.
 *
 * <p>{@code allowedNetworks} limits the client addresses the pass may be used from; unrestricted by default.
 *
 * <p>{@code keys} are the public keys of a {@link CredentialType#PRIVATE_KEY_JWT} pass, and {@link PassKeys#none()}
 * for every other credential type.
 */
public record Pass(PassId passId, ProjectId project, ClientId clientId, AccessLevel accessLevel,
                   Optional<String> organization, UsageType usageType, ValidityPeriod validity,
                   Permissions permissions, Scopes scopes, CredentialType credentialType, Visibility visibility,
                   Optional<String> integrationNotes, AllowedNetworks allowedNetworks, PassState state,
                   long generation, Instant createdAt, Instant updatedAt, Audiences allowedAudiences,
                   PassKeys keys) {

    public static final String ORGANIZATION_FIELD = "organization";
    public static final int ORGANIZATION_MAX_LENGTH = 200;
    public static final String NOTES_FIELD = "integration_notes";
    public static final int NOTES_MAX_LENGTH = 4000;

    public Pass {
        Objects.requireNonNull(passId, "passId");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(accessLevel, "accessLevel");
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(usageType, "usageType");
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(permissions, "permissions");
        Objects.requireNonNull(scopes, "scopes");
        Objects.requireNonNull(credentialType, "credentialType");
        Objects.requireNonNull(visibility, "visibility");
        Objects.requireNonNull(integrationNotes, "integrationNotes");
        Objects.requireNonNull(allowedNetworks, "allowedNetworks");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(allowedAudiences, "allowedAudiences");
        Objects.requireNonNull(keys, "keys");
        if (credentialType.usesKeys() != keys.present()) {
            throw new IllegalArgumentException("a pass has keys exactly when its credential type is private_key_jwt");
        }
        if (generation < 0) {
            throw new IllegalArgumentException("a pass's generation is never negative");
        }
    }

    /** A pass without keys (its client authenticates with a secret). */
    public Pass(PassId passId, ProjectId project, ClientId clientId, AccessLevel accessLevel,
                Optional<String> organization, UsageType usageType, ValidityPeriod validity, Permissions permissions,
                Scopes scopes, CredentialType credentialType, Visibility visibility, Optional<String> integrationNotes,
                AllowedNetworks allowedNetworks, PassState state, long generation, Instant createdAt, Instant updatedAt,
                Audiences allowedAudiences) {
        this(passId, project, clientId, accessLevel, organization, usageType, validity, permissions, scopes,
                credentialType, visibility, integrationNotes, allowedNetworks, state, generation, createdAt, updatedAt,
                allowedAudiences, PassKeys.none());
    }

    /** A pass usable from any address that lists no audiences of its own (the server's default audience). */
    public Pass(PassId passId, ProjectId project, ClientId clientId, AccessLevel accessLevel,
                Optional<String> organization, UsageType usageType, ValidityPeriod validity, Permissions permissions,
                Scopes scopes, CredentialType credentialType, Visibility visibility, Optional<String> integrationNotes,
                PassState state, long generation, Instant createdAt, Instant updatedAt) {
        this(passId, project, clientId, accessLevel, organization, usageType, validity, permissions, scopes,
                credentialType, visibility, integrationNotes, AllowedNetworks.any(), state, generation, createdAt,
                updatedAt, Audiences.none());
    }

    /** The pass in state {@code next}; leaving the active state ends the tokens issued so far (a new generation). */
    public Pass withState(PassState next, Instant now) {
        long nextGeneration = state.isActive() && !next.isActive() ? generation + 1 : generation;
        return new Pass(passId, project, clientId, accessLevel, organization, usageType, validity, permissions, scopes,
                credentialType, visibility, integrationNotes, allowedNetworks, next, nextGeneration, createdAt, now,
                allowedAudiences, keys);
    }

    /** The pass in a new generation: every token issued before {@code now} ends. */
    public Pass nextGeneration(Instant now) {
        return new Pass(passId, project, clientId, accessLevel, organization, usageType, validity, permissions, scopes,
                credentialType, visibility, integrationNotes, allowedNetworks, state, generation + 1, createdAt, now,
                allowedAudiences, keys);
    }

    /**
     * The pass bound to other networks. Tokens issued so far stay valid: every use is checked against the networks in
     * force at that moment.
     */
    public Pass withAllowedNetworks(AllowedNetworks next, Instant now) {
        return new Pass(passId, project, clientId, accessLevel, organization, usageType, validity, permissions, scopes,
                credentialType, visibility, integrationNotes, next, state, generation, createdAt, now, allowedAudiences,
                keys);
    }

    /**
     * The pass with other keys (a {@link CredentialType#PRIVATE_KEY_JWT} pass only). With {@code endTokens} every token
     * issued so far ends (a new generation): a key was withdrawn, and tokens its holder obtained must not outlive it.
     */
    public Pass withKeys(PassKeys next, boolean endTokens, Instant now) {
        return new Pass(passId, project, clientId, accessLevel, organization, usageType, validity, permissions, scopes,
                credentialType, visibility, integrationNotes, allowedNetworks, state,
                endTokens ? generation + 1 : generation, createdAt, now, allowedAudiences, next);
    }

    /** Whether the pass may authenticate at {@code now}: active and inside its validity period. */
    public boolean admitsAt(Instant now) {
        return refusalAt(now).isEmpty();
    }

    /**
     * Why the pass may not be used at {@code now} (revoked, deactivated, not yet valid, expired); empty when it may.
     * The one rule for client authentication, introspection and the guard.
     */
    public java.util.Optional<PassRefusal> refusalAt(Instant now) {
        return PassRefusal.of(state, validity.stateAt(now));
    }
}
