package dev.sentinel.http.sso;

import dev.sentinel.core.domain.access.Account;
import io.javalin.http.Context;

/** Starts the dashboard session of an account that signed in, setting its cookie on the reply. */
@FunctionalInterface
public interface SignedInSessions {

    void start(Context ctx, Account account);
}
