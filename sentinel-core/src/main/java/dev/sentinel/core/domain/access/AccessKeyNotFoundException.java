package dev.sentinel.core.domain.access;

import dev.sentinel.core.domain.SentinelException;

/** No access key has the given id (it never existed or was revoked). */
public final class AccessKeyNotFoundException extends SentinelException {

    public AccessKeyNotFoundException(String id) {
        super("no access key " + id);
    }
}
