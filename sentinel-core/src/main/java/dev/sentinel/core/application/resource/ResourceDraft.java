package dev.sentinel.core.application.resource;

import dev.sentinel.core.domain.Audiences;
import dev.sentinel.core.domain.ScopeTokens;
import dev.sentinel.core.domain.ValidationException;
import dev.sentinel.core.domain.Violations;
import dev.sentinel.core.domain.access.Role;
import dev.sentinel.core.domain.resource.RegisteredResource;
import dev.sentinel.core.domain.resource.ResourceScope;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A resource as given by a person, not yet checked: each field as sent ({@code null} when absent). {@link #check}
 * gathers every broken rule at once, each naming its field ({@code scopes[2].name} for a scope's). Immutable.
 */
public record ResourceDraft(String resource, String name, List<Scope> scopes) {

    public static final String RESOURCE = "resource";
    public static final String NAME = "name";
    public static final String SCOPES = "scopes";
    /** The fields a request body may carry. */
    public static final Set<String> FIELDS = Set.of(RESOURCE, NAME, SCOPES);
    /** The fields a scope may carry. */
    public static final Set<String> SCOPE_FIELDS = Set.of("name", "description", "min_role");
    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_SCOPES = 50;
    public static final int MAX_SCOPE_NAME_LENGTH = 100;
    public static final int MAX_DESCRIPTION_LENGTH = 500;

    /** A scope as sent; {@code minRole} absent means {@code viewer}. */
    public record Scope(String name, String description, String minRole) {
    }

    /** A checked resource: what {@link RegisteredResource} holds besides its id, project and time. */
    public record Checked(String identifier, String name, List<ResourceScope> scopes) {
    }

    public ResourceDraft {
        scopes = scopes == null ? null : java.util.Collections.unmodifiableList(new ArrayList<>(scopes));
    }

    /** The draft that gives every field of {@code resource} as it is. */
    public static ResourceDraft of(RegisteredResource resource) {
        return new ResourceDraft(resource.identifier(), resource.name(), resource.scopes().stream()
                .map(scope -> new Scope(scope.name(), scope.description(), scope.minRole().code())).toList());
    }

    /** Checks every field, adding each broken rule to {@code violations}; null when any is broken. */
    public Checked check(Violations violations) {
        int before = violations.list().size();
        String identifier = identifier(violations);
        String checkedName = name == null ? "" : name.strip();
        if (checkedName.isEmpty() || checkedName.length() > MAX_NAME_LENGTH
                || checkedName.chars().anyMatch(Character::isISOControl)) {
            violations.add(NAME, "is required: 1-" + MAX_NAME_LENGTH + " characters without control characters, "
                    + "shown to people on the consent page");
        }
        List<ResourceScope> checkedScopes = scopes(violations);
        return violations.list().size() > before ? null : new Checked(identifier, checkedName, checkedScopes);
    }

    /** Every broken rule of the draft at once, as {@link ValidationException}; the checked resource otherwise. */
    Checked checked() {
        Violations violations = new Violations();
        Checked checked = check(violations);
        violations.throwIfAny();
        return checked;
    }

    /**
     * The resource indicator: an absolute URI without fragment or query (RFC 8707 §2), https, or http to a loopback
     * host for servers on the developer's own machine.
     */
    private String identifier(Violations violations) {
        String rule = "must be the resource server's URL (RFC 8707): https, or http to 127.0.0.1, [::1] or "
                + "localhost; no query, fragment or user-info; at most " + Audiences.MAX_LENGTH + " characters";
        if (resource == null || resource.isBlank()) {
            violations.add(RESOURCE, "is required: " + rule);
            return null;
        }
        Optional<String> problem = Audiences.problem(resource);
        if (problem.isPresent()) {
            violations.add(RESOURCE, problem.get());
            return null;
        }
        URI uri = URI.create(resource);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        boolean allowedScheme = "https".equals(scheme) || "http".equals(scheme) && isLoopback(uri.getHost());
        if (!allowedScheme || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawUserInfo() != null) {
            violations.add(RESOURCE, rule);
            return null;
        }
        return resource;
    }

    private static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        if ("localhost".equalsIgnoreCase(host)) {
            return true;
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!bare.matches("[0-9.]+|[0-9A-Fa-f:]+")) {
            return false; // a name other than localhost: never resolved here
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (java.net.UnknownHostException notAnAddress) {
            return false;
        }
    }

    private List<ResourceScope> scopes(Violations violations) {
        if (scopes == null) {
            return List.of();
        }
        if (scopes.size() > MAX_SCOPES) {
            violations.add(SCOPES, "must hold at most " + MAX_SCOPES + " scopes");
            return List.of();
        }
        List<ResourceScope> checked = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < scopes.size(); i++) {
            Scope scope = scopes.get(i);
            String field = SCOPES + "[" + i + "]";
            if (scope == null) {
                violations.add(field, "must be an object with name, description and min_role");
                continue;
            }
            boolean ok = true;
            String scopeName = scope.name() == null ? "" : scope.name();
            if (!isScopeToken(scopeName)) {
                violations.add(field + ".name", "is required: 1-" + MAX_SCOPE_NAME_LENGTH + " visible ASCII "
                        + "characters without spaces, quotes or backslashes (an RFC 6749 §3.3 scope token)");
                ok = false;
            } else if (!seen.add(scopeName)) {
                violations.add(field + ".name", "names '" + scopeName + "' a second time");
                ok = false;
            }
            String description = scope.description() == null ? "" : scope.description().strip();
            if (description.isEmpty() || description.length() > MAX_DESCRIPTION_LENGTH) {
                violations.add(field + ".description", "is required: 1-" + MAX_DESCRIPTION_LENGTH
                        + " characters saying what a client may do with the scope (shown on the consent page)");
                ok = false;
            }
            Role minRole = Role.VIEWER;
            if (scope.minRole() != null) {
                minRole = violations.check(() -> Role.parse(field + ".min_role", scope.minRole(), Role.VIEWER,
                        Role.ADMIN));
                ok &= minRole != null;
            }
            if (ok) {
                checked.add(new ResourceScope(scopeName, description, minRole));
            }
        }
        return checked;
    }

    private static boolean isScopeToken(String value) {
        if (value.isEmpty() || value.length() > MAX_SCOPE_NAME_LENGTH) {
            return false;
        }
        try {
            ScopeTokens.check(List.of(value));
            return true;
        } catch (IllegalArgumentException notAToken) {
            return false;
        }
    }
}
