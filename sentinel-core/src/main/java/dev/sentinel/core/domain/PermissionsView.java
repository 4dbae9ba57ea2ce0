package dev.sentinel.core.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The read-only Permissions view of a pass: each permission with its label, the access profile, the capabilities
 * and the validity period with its state at a given instant.
 */
public record PermissionsView(List<LabelledPermission> breakdown, AccessProfile accessProfile, List<String> capabilities,
                              ValidityPeriod validity, ValidityState validityState) {

    /** A permission and its descriptive label, e.g. {@code read:data} → "Read Data". */
    public record LabelledPermission(String permission, String label) {
    }

    public PermissionsView {
        breakdown = List.copyOf(breakdown);
        Objects.requireNonNull(accessProfile, "accessProfile");
        capabilities = List.copyOf(capabilities);
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(validityState, "validityState");
    }

    public static PermissionsView of(Pass pass, Instant now) {
        List<LabelledPermission> breakdown = pass.permissions().values().stream()
                .map(permission -> new LabelledPermission(permission.value(), permission.label()))
                .toList();
        return new PermissionsView(breakdown, AccessProfile.of(pass.permissions()), capabilities(pass.permissions()),
                pass.validity(), pass.validity().stateAt(now));
    }

    /**
     * Every pass has "API Access" and "Client Credentials Grant"; {@code read…} adds "Data Read", {@code write…}
     * "Data Write", an elevated permission "Administration"; any other permission adds its own label.
     */
    public static List<String> capabilities(Permissions permissions) {
        Set<String> capabilities = new LinkedHashSet<>(List.of("API Access", "Client Credentials Grant"));
        List<String> others = new ArrayList<>();
        for (Permission permission : permissions.values()) {
            String action = permission.action();
            if (action.equals("read")) {
                capabilities.add("Data Read");
            } else if (action.equals("write")) {
                capabilities.add("Data Write");
            } else if (AccessProfile.ELEVATED_ACTIONS.contains(action)) {
                capabilities.add("Administration");
                others.add(permission.label());
            } else {
                others.add(permission.label());
            }
        }
        capabilities.addAll(others);
        return List.copyOf(capabilities);
    }
}
