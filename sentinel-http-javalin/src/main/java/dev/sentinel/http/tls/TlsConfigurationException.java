package dev.sentinel.http.tls;

import dev.sentinel.core.domain.SentinelException;

/**
 * The certificate chain or private key of HTTPS cannot be used: a file is missing, unreadable, not PEM, holds no
 * certificate or no key, holds an encrypted key, or the key does not belong to the certificate. The message names the
 * file and the problem, and never contains key material.
 */
public final class TlsConfigurationException extends SentinelException {

    public TlsConfigurationException(String message) {
        super(message);
    }

    public TlsConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
