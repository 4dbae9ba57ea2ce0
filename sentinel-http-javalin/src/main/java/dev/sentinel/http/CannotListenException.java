package dev.sentinel.http;

import java.net.BindException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;
import java.util.Optional;

/**
 * {@link SentinelServer#start()} could not listen on its host and port. The message is one line that names both and
 * the {@link Reason}, e.g. {@code cannot listen on 192.0.2.1:8080: address not available (it is not an address of this
 * machine)}.
 */
public final class CannotListenException extends IllegalStateException {

    /** Why the socket could not be bound. */
    public enum Reason {
        /** The host is not an address of this machine (EADDRNOTAVAIL). */
        ADDRESS_NOT_AVAILABLE("address not available (it is not an address of this machine)"),
        /** Another process listens on the port already (EADDRINUSE). */
        PORT_IN_USE("port already in use"),
        /** The OS user may not bind the port, e.g. a port below 1024 without privileges (EACCES). */
        PERMISSION_DENIED("permission denied"),
        /** The host name does not resolve to an address. */
        UNKNOWN_HOST("unknown host"),
        /** Another failure; the message carries the system's words. */
        OTHER("");

        private final String text;

        Reason(String text) {
            this.text = text;
        }
    }

    private final Reason reason;

    private CannotListenException(String message, Reason reason, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** Why listening failed. */
    public Reason reason() {
        return reason;
    }

    /** The exception for a failure to listen on {@code host:port}, when {@code failure} is one; else empty. */
    static Optional<CannotListenException> of(String host, int port, Throwable failure) {
        String where = (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException bind) {
                Reason reason = classify(bind.getMessage());
                String detail = switch (reason) {
                    case OTHER -> String.valueOf(bind.getMessage());
                    case PERMISSION_DENIED -> port > 0 && port < 1024 ? reason.text + " (ports below 1024 need root or "
                            + "CAP_NET_BIND_SERVICE; choose a port from 1024 up)" : reason.text;
                    default -> reason.text;
                };
                return Optional.of(new CannotListenException("cannot listen on " + where + ": " + detail, reason, failure));
            }
            if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
                return Optional.of(new CannotListenException("cannot listen on " + where + ": "
                        + Reason.UNKNOWN_HOST.text, Reason.UNKNOWN_HOST, failure));
            }
        }
        return Optional.empty();
    }

    /** Reads the OS's words (Linux, macOS and Windows say them alike); the exception type is the same for all. */
    static Reason classify(String message) {
        String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (text.contains("assign requested address") || text.contains("address not available")) {
            return Reason.ADDRESS_NOT_AVAILABLE;
        }
        if (text.contains("already in use")) {
            return Reason.PORT_IN_USE;
        }
        if (text.contains("permission denied") || text.contains("access denied")
                || text.contains("access permissions")) {
            return Reason.PERMISSION_DENIED;
        }
        return Reason.OTHER;
    }
}
