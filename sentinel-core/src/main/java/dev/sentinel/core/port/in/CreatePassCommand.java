package dev.sentinel.core.port.in;

import dev.sentinel.core.domain.AccessLevel;
import dev.sentinel.core.domain.AllowedNetworks;
import dev.sentinel.core.domain.Audiences;
import dev.sentinel.core.domain.AgentName;
import dev.sentinel.core.domain.AgentType;
import dev.sentinel.core.domain.AgentUser;
import dev.sentinel.core.domain.CredentialType;
import dev.sentinel.core.domain.DateBounds;
import dev.sentinel.core.domain.NewPass;
import dev.sentinel.core.domain.Pass;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.Permissions;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.Scopes;
import dev.sentinel.core.domain.Text;
import dev.sentinel.core.domain.ValidityPeriod;
import dev.sentinel.core.domain.Violations;
import dev.sentinel.core.domain.Visibility;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a user asks for when creating a pass, as raw text from any front end. Only {@code project},
 * {@code agentName} and {@code agentType} are required; a null or blank field takes the reference's default (any
 * address; no allowed audiences: the server's default audience; no keys, which only a {@code private_key_jwt} pass
 * has and needs).
 * {@link #validate(LocalDate)} checks every field at once and names each broken rule.
 */
public record CreatePassCommand(String project, String agentName, String agentType, String description, String passId,
                                String accessLevel, String organization, String usageType, String validFrom,
                                String validUntil, String permissions, String scopes, String credentialType,
                                String visibility, String integrationNotes, List<String> allowedIps,
                                List<String> allowedAudiences, PassKeysInput keys) {

    /** Copies {@code allowedIps} (null elements included, so that validation can name them). */
    public CreatePassCommand {
        allowedIps = allowedIps == null ? null : Collections.unmodifiableList(new ArrayList<>(allowedIps));
        allowedAudiences = allowedAudiences == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(allowedAudiences));
        keys = keys == null ? PassKeysInput.none() : keys;
    }

    /** A command without key fields (a pass with a client secret, unless {@code credentialType} says otherwise). */
    public CreatePassCommand(String project, String agentName, String agentType, String description, String passId,
                             String accessLevel, String organization, String usageType, String validFrom,
                             String validUntil, String permissions, String scopes, String credentialType,
                             String visibility, String integrationNotes, List<String> allowedIps,
                             List<String> allowedAudiences) {
        this(project, agentName, agentType, description, passId, accessLevel, organization, usageType, validFrom,
                validUntil, permissions, scopes, credentialType, visibility, integrationNotes, allowedIps,
                allowedAudiences, PassKeysInput.none());
    }

    public static Builder builder(String project) {
        return new Builder(project);
    }

    /** Checks every field against its rule and fills in defaults relative to {@code today} (UTC). */
    public NewPass validate(LocalDate today) {
        Violations violations = new Violations();
        ProjectId checkedProject = violations.check(() -> ProjectId.of(project));
        AgentName name = violations.check(() -> AgentName.of(agentName));
        AgentType type = violations.check(() -> AgentType.of(agentType));
        var checkedDescription = violations.check(() ->
                Text.optional(AgentUser.DESCRIPTION_FIELD, description, AgentUser.DESCRIPTION_MAX_LENGTH));
        var checkedPassId = violations.check(() -> blank(passId) ? java.util.Optional.<PassId>empty()
                : java.util.Optional.of(PassId.of(passId)));
        AccessLevel level = violations.check(() -> blank(accessLevel) ? AccessLevel.STANDARD : AccessLevel.parse(accessLevel));
        var checkedOrganization = violations.check(() ->
                Text.optional(Pass.ORGANIZATION_FIELD, organization, Pass.ORGANIZATION_MAX_LENGTH));
        var usage = violations.check(() -> blank(usageType)
                ? dev.sentinel.core.domain.UsageType.AUTOMATION_TOOL : dev.sentinel.core.domain.UsageType.parse(usageType));
        LocalDate from = violations.check(() -> blank(validFrom) ? today
                : ValidityPeriod.parseDate(ValidityPeriod.FROM_FIELD, validFrom));
        LocalDate until = violations.check(() -> blank(validUntil) ? null
                : ValidityPeriod.parseDate(ValidityPeriod.UNTIL_FIELD, validUntil));
        Permissions checkedPermissions = violations.check(() -> blank(permissions) ? Permissions.defaults()
                : Permissions.parse(permissions));
        Scopes checkedScopes = violations.check(() -> Scopes.parse(scopes));
        CredentialType credential = violations.check(() -> blank(credentialType) ? CredentialType.API_KEY
                : CredentialType.parse(credentialType));
        Visibility checkedVisibility = violations.check(() -> blank(visibility) ? Visibility.PRIVATELY_VISIBLE
                : Visibility.parse(visibility));
        var notes = violations.check(() -> Text.optional(Pass.NOTES_FIELD, integrationNotes, Pass.NOTES_MAX_LENGTH));
        AllowedNetworks networks = violations.check(() -> AllowedNetworks.parse(allowedIps));
        Audiences audiences = violations.check(() -> new Audiences(allowedAudiences));
        dev.sentinel.core.domain.PassKeys passKeys = keys.forCreate(credential, violations);
        ValidityPeriod validity = from == null ? null : violations.check(() ->
                new ValidityPeriod(from, until != null ? until
                        : DateBounds.atMostLastDay(blank(validFrom) ? today.plusYears(1) : from.plusYears(1))));
        violations.throwIfAny();
        return new NewPass(checkedProject, name, type, checkedDescription, checkedPassId, level, checkedOrganization,
                usage, validity, checkedPermissions, checkedScopes, credential, checkedVisibility, notes, networks,
                audiences, passKeys);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** Sets fields one by one; unset fields take their defaults. */
    public static final class Builder {
        private final String project;
        private String agentName;
        private String agentType;
        private String description;
        private String passId;
        private String accessLevel;
        private String organization;
        private String usageType;
        private String validFrom;
        private String validUntil;
        private String permissions;
        private String scopes;
        private String credentialType;
        private String visibility;
        private String integrationNotes;
        private List<String> allowedIps;
        private List<String> allowedAudiences;
        private String jwks;
        private String jwksUri;
        private Boolean acceptTokenEndpointAudience;

        private Builder(String project) {
            this.project = project;
        }

        public Builder agentName(String value) { this.agentName = value; return this; }
        public Builder agentType(String value) { this.agentType = value; return this; }
        public Builder description(String value) { this.description = value; return this; }
        public Builder passId(String value) { this.passId = value; return this; }
        public Builder accessLevel(String value) { this.accessLevel = value; return this; }
        public Builder organization(String value) { this.organization = value; return this; }
        public Builder usageType(String value) { this.usageType = value; return this; }
        public Builder validFrom(String value) { this.validFrom = value; return this; }
        public Builder validUntil(String value) { this.validUntil = value; return this; }
        public Builder permissions(String value) { this.permissions = value; return this; }
        public Builder scopes(String value) { this.scopes = value; return this; }
        public Builder credentialType(String value) { this.credentialType = value; return this; }
        public Builder visibility(String value) { this.visibility = value; return this; }
        public Builder integrationNotes(String value) { this.integrationNotes = value; return this; }
        /** CIDR blocks the pass may be used from; null or empty means any address. */
        public Builder allowedIps(List<String> value) { this.allowedIps = value; return this; }
        /** The audiences (absolute URIs) its tokens may carry; null or empty means the server's default. */
        public Builder allowedAudiences(List<String> value) { this.allowedAudiences = value; return this; }

        /** A JWK set of public keys, as JSON text (credential type {@code private_key_jwt}). */
        public Builder jwks(String value) { this.jwks = value; return this; }
        /** The https address of the client's JWK set (credential type {@code private_key_jwt}). */
        public Builder jwksUri(String value) { this.jwksUri = value; return this; }
        /** Whether the pass's assertions may name the token endpoint URL as their audience. */
        public Builder acceptTokenEndpointAudience(Boolean value) { this.acceptTokenEndpointAudience = value; return this; }

        public CreatePassCommand build() {
            return new CreatePassCommand(project, agentName, agentType, description, passId, accessLevel, organization,
                    usageType, validFrom, validUntil, permissions, scopes, credentialType, visibility, integrationNotes,
                    allowedIps, allowedAudiences, PassKeysInput.of(jwks, jwksUri, acceptTokenEndpointAudience));
        }
    }
}
