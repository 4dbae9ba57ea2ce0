package dev.sentinel.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A Sentinel Pass: the metadata and state linked to one agent user. Immutable; changes make new instances. */
public record Pass(PassId passId, ProjectId project, ClientId clientId, AccessLevel accessLevel,
                   Optional<String> organization, UsageType usageType, ValidityPeriod validity,
                   Permissions permissions, Scopes scopes, CredentialType credentialType, Visibility visibility,
                   Optional<String> integrationNotes, PassState state, Instant createdAt, Instant updatedAt) {

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
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public Pass withState(PassState next, Instant now) {
        return new Pass(passId, project, clientId, accessLevel, organization, usageType, validity, permissions, scopes,
                credentialType, visibility, integrationNotes, next, createdAt, now);
    }

    /** Whether the pass may authenticate at {@code now}: active and inside its validity period. */
    public boolean admitsAt(Instant now) {
        return state.isActive() && validity.contains(now);
    }
}
