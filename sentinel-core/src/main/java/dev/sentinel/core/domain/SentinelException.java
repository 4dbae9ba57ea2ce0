package dev.sentinel.core.domain;

/**
 * The one unchecked root of every failure Sentinel reports. Subclasses are named for the failure, so adapters
 * map them once (HTTP status and problem JSON; CLI exit code and a one-line message).
 *
 * <p>Messages never contain secret material.
 */
public class SentinelException extends RuntimeException {

    public SentinelException(String message) {
        super(message);
    }

    public SentinelException(String message, Throwable cause) {
        super(message, cause);
    }
}
