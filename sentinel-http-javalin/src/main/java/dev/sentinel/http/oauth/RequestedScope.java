package dev.sentinel.http.oauth;

import dev.sentinel.core.domain.Permissions;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The scope a token gets: the requested scope tokens (RFC 6749 §3.3), each one of the pass's permissions. */
final class RequestedScope {

    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

    private RequestedScope() {
    }

    /** The granted scope as space-separated tokens; all the permissions when none was asked for. */
    static String resolve(Optional<String> requested, Permissions permissions) {
        if (requested.isEmpty()) {
            return permissions.asScope();
        }
        Set<String> granted = new LinkedHashSet<>();
        for (String token : requested.get().split(" ", -1)) {
            if (!SCOPE_TOKEN.matcher(token).matches()) {
                throw OAuthError.invalidScope("scope must be scope tokens separated by single spaces");
            }
            if (!permissions.contains(token)) {
                throw OAuthError.invalidScope("the scope " + token + " is not among this client's permissions");
            }
            granted.add(token);
        }
        return String.join(" ", granted);
    }
}
