package dev.sentinel.core.application.oauth;

import dev.sentinel.core.domain.OAuthError;
import dev.sentinel.core.domain.OAuthException;
import dev.sentinel.core.domain.Permissions;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The scope a token gets (RFC 6749 §3.3): the requested scope tokens, each one of the pass's permissions by exact
 * name — a wildcard permission such as {@code read:*} grants no other name, and permissions starting
 * {@value #RESERVED_PREFIX} are only ever granted by their exact name.
 */
final class GrantedScope {

    static final String RESERVED_PREFIX = "sentinel:";
    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

    private GrantedScope() {
    }

    /** The granted scope as space-separated tokens; all the permissions when none was asked for. */
    static String resolve(Optional<String> requested, Permissions permissions) {
        if (requested.isEmpty()) {
            return permissions.asScope();
        }
        Set<String> granted = new LinkedHashSet<>();
        for (String token : requested.get().split(" ", -1)) {
            if (!SCOPE_TOKEN.matcher(token).matches()) {
                throw new OAuthException(OAuthError.INVALID_SCOPE, "scope must be scope tokens separated by single spaces");
            }
            if (!permissions.contains(token)) {
                throw new OAuthException(OAuthError.INVALID_SCOPE, "the scope " + token + " is not among this client's permissions");
            }
            granted.add(token);
        }
        return String.join(" ", granted);
    }
}
