package dev.sentinel.core.domain.access;

import dev.sentinel.core.domain.ValidationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What someone or something may do. {@link #OWNER} is server-wide: everything, including accounts, access keys, signing
 * keys and server settings. {@link #ADMIN} and {@link #VIEWER} hold per project: an admin changes the project's passes
 * and members, a viewer reads and exports them. {@link #INGEST} and {@link #METRICS} are for access keys only: reporting
 * activity for passes of the key's projects, and reading the metrics.
 */
public enum Role {
    OWNER, ADMIN, VIEWER, INGEST, METRICS;

    /** The role as the API, CLI and audit trail spell it: {@code owner}, {@code admin}, … */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the role holds per project (admin, viewer, ingest), and so needs projects when a key carries it. */
    public boolean isProjectScoped() {
        return this == ADMIN || this == VIEWER || this == INGEST;
    }

    /** Whether a person may hold the role in a project (admin, viewer). */
    public boolean isMemberRole() {
        return this == ADMIN || this == VIEWER;
    }

    /** Parses {@code raw} (any case) as one of {@code allowed}; the error names {@code field} and the allowed codes. */
    public static Role parse(String field, String raw, Role... allowed) {
        Role[] choices = allowed.length == 0 ? values() : allowed;
        String wanted = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(choices).filter(role -> role.code().equals(wanted)).findFirst().orElseThrow(() ->
                ValidationException.of(field, "must be one of " + Arrays.stream(choices).map(Role::code)
                        .collect(Collectors.joining(", ")) + (raw == null ? "" : " (got '" + raw + "')")));
    }
}
