package dev.sentinel.core.fetch;

import java.util.Objects;

/**
 * A fetch that was refused before it started or failed on its way; the message is safe to show an operator (it names
 * the target without its query and never carries the reply's body).
 */
public final class FetchException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the fetch gave no body. */
    public enum Kind {
        /** The URI is not one the policy allows: scheme, user information, or an address rule. */
        REFUSED_TARGET,
        /** The target answered with a redirect, which is never followed. */
        REDIRECT,
        /** The target answered another status than 200. */
        HTTP_STATUS,
        /** The body was larger than the cap. */
        TOO_LARGE,
        /** The whole fetch took longer than the deadline. */
        TIMEOUT,
        /** Name resolution, connection or TLS failed. */
        NETWORK
    }

    private final Kind kind;

    public FetchException(Kind kind, String reason) {
        super(Objects.requireNonNull(reason, "reason"), null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }

    /** The reason, for an operator: what was fetched and what went wrong. */
    public String reason() {
        return getMessage();
    }
}
