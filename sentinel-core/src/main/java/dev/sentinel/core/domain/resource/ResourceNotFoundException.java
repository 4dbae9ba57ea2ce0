package dev.sentinel.core.domain.resource;

import dev.sentinel.core.domain.SentinelException;

/** No resource has the given id, or it is in a project outside the caller's projects. */
public final class ResourceNotFoundException extends SentinelException {

    public ResourceNotFoundException(String id) {
        super("no resource " + id);
    }
}
