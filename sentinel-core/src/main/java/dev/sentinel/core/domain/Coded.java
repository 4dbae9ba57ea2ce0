package dev.sentinel.core.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** An enumerated value with a stable lower-case code, as written in JSON, the CLI and the database. */
public interface Coded {

    String code();

    /**
     * Parses a code case-insensitively.
     *
     * @throws ValidationException naming the field and listing the allowed codes
     */
    static <E extends Enum<E> & Coded> E parse(Class<E> type, String field, String raw) {
        E[] values = type.getEnumConstants();
        if (raw != null) {
            String wanted = raw.strip().toLowerCase(Locale.ROOT);
            for (E value : values) {
                if (value.code().equals(wanted)) {
                    return value;
                }
            }
        }
        String allowed = Arrays.stream(values).map(Coded::code).collect(Collectors.joining(", "));
        String got = raw == null ? "nothing" : "'" + abbreviate(raw) + "'";
        throw ValidationException.of(field, "must be one of " + allowed + " (got " + got + ")");
    }

    private static String abbreviate(String raw) {
        return raw.length() <= 40 ? raw : raw.substring(0, 40) + "…";
    }
}
