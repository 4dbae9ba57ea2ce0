package dev.sentinel.core.domain.alert;

import dev.sentinel.core.domain.Coded;

/** What an alert rule watches; the code is also the webhook event type. */
public enum AlertKind implements Coded {
    /** A pass expires within 30, 7 or 1 days (one alert per stage reached). */
    PASS_EXPIRING("pass.expiring", true),
    /** A pass's validity has ended. */
    PASS_EXPIRED("pass.expired", true),
    /** More than a threshold of a pass's requests failed over a recent window, with a minimum of requests. */
    ERROR_RATE_HIGH("error_rate.high", true),
    /** A failed-authentication episode started. Not evaluated yet: accepted in rules, never fires. */
    ATTACK_SUSPECTED("attack.suspected", false),
    /** A pass's hour above 10 x its median hour of the last 7 days. Not evaluated yet: accepted, never fires. */
    VOLUME_UNUSUAL("volume.unusual", false),
    /** A quota reaches 80 % or 100 %. Needs the per-pass limits, which are not built yet: refused in rules. */
    QUOTA_REACHED("quota.reached", false),
    /** A rate-limit episode starts. Needs the per-pass limits, which are not built yet: refused in rules. */
    RATE_LIMIT_HIT("rate_limit.hit", false);

    public static final String FIELD = "kind";

    private final String code;
    private final boolean evaluated;

    AlertKind(String code, boolean evaluated) {
        this.code = code;
        this.evaluated = evaluated;
    }

    @Override
    public String code() {
        return code;
    }

    /** Whether rules of this kind are evaluated in this release. */
    public boolean evaluated() {
        return evaluated;
    }

    /** Whether a rule of this kind can be made now (the limits' kinds cannot until limits exist). */
    public boolean accepted() {
        return this != QUOTA_REACHED && this != RATE_LIMIT_HIT;
    }

    /** Parses a kind's code, case-insensitively; an unknown one names the field and the allowed codes. */
    public static AlertKind of(String raw) {
        return Coded.parse(AlertKind.class, FIELD, raw);
    }
}
