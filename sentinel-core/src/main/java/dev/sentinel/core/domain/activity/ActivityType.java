package dev.sentinel.core.domain.activity;

import dev.sentinel.core.domain.Coded;

/** What an activity event records. */
public enum ActivityType implements Coded {
    /** A request to a protected API made with a pass's token. */
    API_REQUEST("api_request"),
    /** An access token issued at the token endpoint. */
    TOKEN_GENERATION("token_generation"),
    /** A refused or failed attempt; the event's error message says why. */
    ERROR("error");

    public static final String FIELD = "type";

    private final String code;

    ActivityType(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static ActivityType parse(String raw) {
        return Coded.parse(ActivityType.class, FIELD, raw);
    }
}
