package dev.sentinel.core.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentinel.core.domain.ClientSecret;
import dev.sentinel.core.domain.CredentialGenerator;
import dev.sentinel.core.domain.ValidationException;
import dev.sentinel.core.port.out.CredentialHasher;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class CredentialHasherTest {

    private final CredentialGenerator generator = CredentialGenerator.create();
    private final ClientSecret secret = generator.newSecret();
    private final ClientSecret other = generator.newSecret();

    @Test
    void sha256HashesNameTheirAlgorithmAndVerify() {
        CredentialHasher hasher = CredentialHashers.sha256();
        String hash = hasher.hash(secret);

        assertThat(hash).startsWith("$sha256$").doesNotContain(secret.reveal());
        assertThat(hasher.verify(secret, hash)).isTrue();
        assertThat(hasher.verify(other, hash)).isFalse();
        assertThat(hasher.verify(secret, "$sha256$not-base64!")).isFalse();
        assertThat(hasher.verify(secret, null)).isFalse();
    }

    @Test
    void argon2idHashesInPhcFormWithSaltAndVerify() {
        CredentialHasher hasher = new Argon2idCredentialHasher(1024, 1, 1, new SecureRandom());
        String hash = hasher.hash(secret);

        assertThat(hash).matches("\\$argon2id\\$v=19\\$m=1024,t=1,p=1\\$[A-Za-z0-9+/]+\\$[A-Za-z0-9+/]+");
        assertThat(hasher.hash(secret)).isNotEqualTo(hash);
        assertThat(hasher.verify(secret, hash)).isTrue();
        assertThat(hasher.verify(other, hash)).isFalse();
        assertThat(hasher.verify(secret, "$argon2id$v=19$m=1024,t=1,p=1$bad$bad!")).isFalse();
    }

    @Test
    void argon2idVerifiesWithTheParametersInTheHash() {
        String weak = new Argon2idCredentialHasher(1024, 1, 1, new SecureRandom()).hash(secret);

        assertThat(new Argon2idCredentialHasher(2048, 2, 1, new SecureRandom()).verify(secret, weak)).isTrue();
    }

    @Test
    void aNamedHasherVerifiesHashesOfEitherAlgorithm() {
        String shaHash = CredentialHashers.sha256().hash(secret);
        String argonHash = new Argon2idCredentialHasher(1024, 1, 1, new SecureRandom()).hash(secret);

        for (String name : new String[] {"sha256", "argon2id", " SHA256 "}) {
            CredentialHasher hasher = CredentialHashers.named(name);
            assertThat(hasher.verify(secret, shaHash)).isTrue();
            assertThat(hasher.verify(secret, argonHash)).isTrue();
            assertThat(hasher.verify(secret, "$md5$abc")).isFalse();
        }
        assertThat(CredentialHashers.named("argon2id").hash(secret)).startsWith("$argon2id$");
    }

    @Test
    void anUnknownHasherNameIsRejected() {
        assertThatThrownBy(() -> CredentialHashers.named("md5"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("hasher: must be one of sha256, argon2id (got 'md5')");
    }
}
