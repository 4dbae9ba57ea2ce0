package dev.sentinel.core.domain;

import java.util.Set;

/**
 * A summary of a pass's permissions shown on the Permissions view. The rule, applied in this order:
 * <ol>
 *   <li>{@link #ELEVATED} when any permission's action is {@code admin}, {@code manage}, {@code delete} or
 *       {@code owner}, or any segment is the wildcard {@code *};</li>
 *   <li>{@link #STANDARD} when every permission's action is {@code read} or {@code write}
 *       (e.g. {@code read,write}, {@code read:data});</li>
 *   <li>{@link #CUSTOM} otherwise.</li>
 * </ol>
 */
public enum AccessProfile implements Coded {
    STANDARD("standard"),
    ELEVATED("elevated"),
    CUSTOM("custom");

    static final Set<String> ELEVATED_ACTIONS = Set.of("admin", "manage", "delete", "owner");
    static final Set<String> STANDARD_ACTIONS = Set.of("read", "write");

    private final String code;

    AccessProfile(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static AccessProfile of(Permissions permissions) {
        boolean elevated = permissions.values().stream().anyMatch(permission ->
                ELEVATED_ACTIONS.contains(permission.action()) || permission.value().contains("*"));
        if (elevated) {
            return ELEVATED;
        }
        boolean standard = permissions.values().stream().allMatch(permission -> STANDARD_ACTIONS.contains(permission.action()));
        return standard ? STANDARD : CUSTOM;
    }
}
