package dev.sentinel.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The agent user behind a pass: an OAuth confidential client with a name, a type and hashed credentials. */
public record AgentUser(ClientId clientId, AgentName name, AgentType type, Optional<String> description,
                        CredentialSet credentials, Instant createdAt, Instant updatedAt) {

    public static final String DESCRIPTION_FIELD = "description";
    public static final int DESCRIPTION_MAX_LENGTH = 1000;

    public AgentUser {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public AgentUser withCredentials(CredentialSet replacement, Instant now) {
        return new AgentUser(clientId, name, type, description, replacement, createdAt, now);
    }
}
