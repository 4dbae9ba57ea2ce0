package dev.sentinel.core.domain;

/** The store could not be reached or refused an operation; the message says which, in one line. */
public final class StorageException extends SentinelException {

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
