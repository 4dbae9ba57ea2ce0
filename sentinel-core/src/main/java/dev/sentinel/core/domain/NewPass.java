package dev.sentinel.core.domain;

import dev.sentinel.core.domain.AccessLevel;
import dev.sentinel.core.domain.AgentName;
import dev.sentinel.core.domain.AgentType;
import dev.sentinel.core.domain.CredentialType;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.Permissions;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.Scopes;
import dev.sentinel.core.domain.UsageType;
import dev.sentinel.core.domain.ValidityPeriod;
import dev.sentinel.core.domain.Visibility;
import java.util.Optional;

/** A validated create request with every default filled in; only the pass id may still be open. */
public record NewPass(ProjectId project, AgentName agentName, AgentType agentType, Optional<String> description,
                      Optional<PassId> passId, AccessLevel accessLevel, Optional<String> organization,
                      UsageType usageType, ValidityPeriod validity, Permissions permissions, Scopes scopes,
                      CredentialType credentialType, Visibility visibility, Optional<String> integrationNotes,
                      AllowedNetworks allowedNetworks, Audiences allowedAudiences, PassKeys keys) {
}
