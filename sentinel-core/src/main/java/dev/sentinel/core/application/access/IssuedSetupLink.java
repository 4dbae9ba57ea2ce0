package dev.sentinel.core.application.access;

import dev.sentinel.core.domain.access.Account;
import java.time.Instant;
import java.util.Objects;

/**
 * A set-up link just made: the account (none for the first-run link of a new store, which creates the owner), the token (shown this once; the store keeps its hash) and until when it works.
 * The link a person opens is {@link #url(String)}: the token travels in the URL fragment, which browsers never send,
 * so it reaches no server or proxy log.
 */
public record IssuedSetupLink(java.util.Optional<Account> account, String token, Instant expiresAt) {

    /** The path of the set-up page. */
    public static final String PATH = "/setup";

    public IssuedSetupLink {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** The link on the server at {@code baseUrl}: {@code BASE/setup#token=TOKEN}. */
    public String url(String baseUrl) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return base + PATH + "#token=" + token;
    }

    @Override
    public String toString() {
        return "IssuedSetupLink[" + account.map(Account::email).map(Object::toString).orElse("first owner") + ", expires "
                + expiresAt + "]";
    }
}
