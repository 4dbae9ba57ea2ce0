package dev.sentinel.core.domain;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** A pass's permissions, in the order given: at least one, at most {@value #MAX_COUNT}, no duplicates. */
public record Permissions(List<Permission> values) {

    public static final String FIELD = "permissions";
    public static final String DEFAULT = "read,write";
    public static final int MAX_COUNT = 50;

    public Permissions {
        Objects.requireNonNull(values, FIELD);
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw ValidationException.of(FIELD, "must name at least one permission");
        }
        if (values.size() > MAX_COUNT) {
            throw ValidationException.of(FIELD, "must name at most " + MAX_COUNT + " permissions (got " + values.size() + ")");
        }
        Set<Permission> seen = new HashSet<>();
        for (Permission permission : values) {
            if (!seen.add(permission)) {
                throw ValidationException.of(FIELD, "names '" + permission + "' more than once");
            }
        }
    }

    /** Parses a comma-separated list such as {@code read,write}; spaces around entries are ignored. */
    public static Permissions parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw ValidationException.of(FIELD, "must name at least one permission");
        }
        String[] parts = raw.split(",", -1);
        if (parts.length > MAX_COUNT) {
            throw ValidationException.of(FIELD, "must name at most " + MAX_COUNT + " permissions (got " + parts.length + ")");
        }
        List<Permission> parsed = new java.util.ArrayList<>(parts.length);
        for (String part : parts) {
            if (part.isBlank()) {
                throw ValidationException.of(FIELD, "must not contain empty entries (check for doubled or trailing commas)");
            }
            parsed.add(new Permission(part.strip()));
        }
        return new Permissions(parsed);
    }

    public static Permissions defaults() {
        return parse(DEFAULT);
    }

    public boolean contains(String permission) {
        for (Permission value : values) {
            if (value.value().equals(permission)) {
                return true;
            }
        }
        return false;
    }

    /** The canonical comma-separated form, as stored and shown. */
    public String asString() {
        return values.stream().map(Permission::value).collect(Collectors.joining(","));
    }

    /** The OAuth scope form: the permissions separated by single spaces. */
    public String asScope() {
        return values.stream().map(Permission::value).collect(Collectors.joining(" "));
    }

    @Override
    public String toString() {
        return asString();
    }
}
