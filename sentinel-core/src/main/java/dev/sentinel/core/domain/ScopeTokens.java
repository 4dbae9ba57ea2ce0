package dev.sentinel.core.domain;

import java.util.List;
import java.util.regex.Pattern;

/** The rule for scope values a server or a resource publishes ({@code scopes_supported}): RFC 6749 §3.3 tokens. */
public final class ScopeTokens {

    /** The most scopes a document may publish. */
    public static final int MAX_SCOPES = 100;
    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,200}");

    private ScopeTokens() {
    }

    /**
     * Checks values for {@code scopes_supported}: each an RFC 6749 §3.3 scope token of at most 200 characters, at most
     * {@value #MAX_SCOPES} of them.
     *
     * @throws IllegalArgumentException naming the rule
     */
    public static void check(List<String> scopes) {
        if (scopes.size() > MAX_SCOPES) {
            throw new IllegalArgumentException("at most " + MAX_SCOPES + " scopes (got " + scopes.size() + ")");
        }
        for (String scope : scopes) {
            if (scope == null || !SCOPE_TOKEN.matcher(scope).matches()) {
                throw new IllegalArgumentException("each scope must be 1-200 visible ASCII characters without spaces, "
                        + "quotes or backslashes (RFC 6749 §3.3)");
            }
        }
    }
}
