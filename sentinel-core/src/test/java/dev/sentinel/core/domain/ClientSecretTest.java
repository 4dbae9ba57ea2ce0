package dev.sentinel.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientSecretTest {

    private final CredentialGenerator generator = CredentialGenerator.create();

    @Test
    void secretsHaveThePrefixFixedLengthAndAValidChecksum() {
        ClientSecret secret = generator.newSecret();

        assertThat(secret.reveal()).startsWith("sps_").hasSize(ClientSecret.LENGTH).matches("sps_[0-9A-Za-z]{49}");
        assertThat(ClientSecret.parse(secret.reveal())).contains(secret);
    }

    @Test
    void secretsAreUnique() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertThat(seen.add(generator.newSecret().reveal())).isTrue();
        }
    }

    @Test
    void aMistypedSecretFailsTheChecksum() {
        String secret = generator.newSecret().reveal();
        char[] chars = secret.toCharArray();
        chars[10] = chars[10] == 'a' ? 'b' : 'a';

        assertThat(ClientSecret.parse(new String(chars))).isEmpty();
    }

    @Test
    void rejectsWrongPrefixLengthOrCharacters() {
        String secret = generator.newSecret().reveal();

        assertThat(ClientSecret.parse("spx_" + secret.substring(4))).isEmpty();
        assertThat(ClientSecret.parse(secret.substring(1))).isEmpty();
        assertThat(ClientSecret.parse(secret + "0")).isEmpty();
        assertThat(ClientSecret.parse(secret.substring(0, 20) + "-" + secret.substring(21))).isEmpty();
        assertThat(ClientSecret.parse("")).isEmpty();
        assertThat(ClientSecret.parse(null)).isEmpty();
    }

    @Test
    void neverRevealsItselfThroughToStringOrEquals() {
        ClientSecret secret = generator.newSecret();
        ClientSecret same = ClientSecret.parse(secret.reveal()).orElseThrow();

        assertThat(secret.toString()).doesNotContain(secret.reveal()).isEqualTo("ClientSecret[redacted]");
        assertThat(secret).isEqualTo(same).hasSameHashCodeAs(generator.newSecret());
        assertThat(secret).isNotEqualTo(generator.newSecret());
    }

    @Test
    void issuedCredentialsRenderAsJsonAndBashButHideTheSecretInToString() {
        ClientSecret secret = generator.newSecret();
        IssuedCredentials issued = new IssuedCredentials(generator.newClientId(), secret);

        assertThat(issued.toJson()).isEqualTo("{\"client_id\": \"" + issued.clientId().value()
                + "\", \"client_secret\": \"" + secret.reveal() + "\"}");
        assertThat(issued.toBashExport()).isEqualTo("export SENTINEL_CLIENT_ID='" + issued.clientId().value() + "'\n"
                + "export SENTINEL_CLIENT_SECRET='" + secret.reveal() + "'\n");
        assertThat(issued.toString()).doesNotContain(secret.reveal()).contains(issued.clientId().value());
    }

    @Test
    void generatesWellFormedIdentifiers() {
        CredentialGenerator seeded = new CredentialGenerator(new SecureRandom());

        assertThat(seeded.newClientId().value()).matches("spc_[0-9A-Za-z]{24}");
        assertThat(seeded.newPassId(2026).value()).matches("SP-2026-[A-Z0-9]{6}");
    }
}
