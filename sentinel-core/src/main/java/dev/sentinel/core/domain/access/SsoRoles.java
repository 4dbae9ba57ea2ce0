package dev.sentinel.core.domain.access;

import dev.sentinel.core.domain.ProjectId;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The roles a provider's groups claim grants: the value {@value #OWNER_GROUP} makes the account an owner, and
 * {@code <project>:admin} or {@code <project>:viewer} (for example {@code payments:admin}) a member of that project;
 * admin wins when both are given for one project. Any other value grants nothing (a provider sends groups of its own).
 * Immutable.
 */
public record SsoRoles(boolean owner, Map<ProjectId, Role> projects) {

    public static final String OWNER_GROUP = "sentinel-owner";
    private static final Pattern PROJECT_GROUP = Pattern.compile("([A-Za-z0-9][A-Za-z0-9_-]{0,63}):(admin|viewer)");

    public SsoRoles {
        projects = Map.copyOf(projects);
    }

    /** The roles {@code groups} grant. */
    public static SsoRoles of(Collection<String> groups) {
        boolean owner = false;
        Map<ProjectId, Role> projects = new TreeMap<>(java.util.Comparator.comparing(ProjectId::value));
        for (String group : groups) {
            String value = group == null ? "" : group.strip();
            if (value.equals(OWNER_GROUP)) {
                owner = true;
                continue;
            }
            var match = PROJECT_GROUP.matcher(value);
            if (match.matches()) {
                Role role = Role.valueOf(match.group(2).toUpperCase(Locale.ROOT));
                projects.merge(new ProjectId(match.group(1)), role,
                        (one, other) -> one == Role.ADMIN || other == Role.ADMIN ? Role.ADMIN : Role.VIEWER);
            }
        }
        return new SsoRoles(owner, projects);
    }
}
