package dev.sentinel.core.domain;

/** Where "now" lies relative to a pass's validity period. */
public enum ValidityState implements Coded {
    /** Inside the period with more than 30 days left. */
    VALID("valid"),
    /** Inside the period, ending within 30 days (shown as a yellow warning). */
    EXPIRING_SOON("expiring_soon"),
    /** After the period (shown with a red indicator); authentication is refused. */
    EXPIRED("expired"),
    /** Before the period; authentication is refused. */
    NOT_YET_VALID("not_yet_valid");

    private final String code;

    ValidityState(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
