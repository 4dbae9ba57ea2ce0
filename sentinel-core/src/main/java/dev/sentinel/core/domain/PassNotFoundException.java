package dev.sentinel.core.domain;

/** No pass has the given id (it never existed or was deleted). */
public final class PassNotFoundException extends SentinelException {

    private final String passId;

    public PassNotFoundException(String passId) {
        super("no pass with pass_id " + passId);
        this.passId = passId;
    }

    public String passId() {
        return passId;
    }
}
