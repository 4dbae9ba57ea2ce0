package dev.sentinel.core.adapter.crypto;

import dev.sentinel.core.domain.ClientSecret;
import dev.sentinel.core.port.out.CredentialHasher;
import java.util.List;

/** Hashes with the primary algorithm and verifies with whichever known algorithm wrote the hash. */
final class DelegatingCredentialHasher implements CredentialHasher {

    private final CredentialHasher primary;
    private final List<CredentialHasher> all;

    DelegatingCredentialHasher(CredentialHasher primary, List<CredentialHasher> all) {
        this.primary = primary;
        this.all = List.copyOf(all);
    }

    @Override
    public String algorithm() {
        return primary.algorithm();
    }

    @Override
    public String hash(ClientSecret secret) {
        return primary.hash(secret);
    }

    @Override
    public boolean verify(ClientSecret secret, String encodedHash) {
        if (encodedHash == null) {
            return false;
        }
        for (CredentialHasher hasher : all) {
            if (encodedHash.startsWith("$" + hasher.algorithm() + "$")) {
                return hasher.verify(secret, encodedHash);
            }
        }
        return false;
    }

    @Override
    public String hashPassword(char[] password) {
        return primary.hashPassword(password);
    }

    @Override
    public boolean verifyPassword(char[] password, String encodedHash) {
        if (encodedHash == null) {
            return false;
        }
        for (CredentialHasher hasher : all) {
            if (encodedHash.startsWith("$" + hasher.algorithm() + "$")) {
                return hasher.verifyPassword(password, encodedHash);
            }
        }
        return false;
    }
}
