package dev.sentinel.core.domain;

/** How much a pass may do, as chosen at creation. Defaults to {@link #STANDARD}. */
public enum AccessLevel implements Coded {
    BASIC("basic"),
    STANDARD("standard"),
    PREMIUM("premium"),
    ENTERPRISE("enterprise");

    /** The name of the input field that carries this value. */
    public static final String FIELD = "access_level";

    private final String code;

    AccessLevel(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    /** Parses a code case-insensitively; an unknown code is a {@link ValidationException} listing the allowed ones. */
    public static AccessLevel parse(String raw) {
        return Coded.parse(AccessLevel.class, FIELD, raw);
    }
}
