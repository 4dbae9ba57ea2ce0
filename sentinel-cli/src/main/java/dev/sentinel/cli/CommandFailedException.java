package dev.sentinel.cli;

/**
 * A command could not do its work for a reason its message states in full (for example an export that matches
 * too many records). Shown as the one-line error as it is, with exit code 1.
 */
public final class CommandFailedException extends RuntimeException {

    public CommandFailedException(String message) {
        super(message);
    }

    public CommandFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
