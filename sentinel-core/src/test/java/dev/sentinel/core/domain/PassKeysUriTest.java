package dev.sentinel.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code jwks_uri} rule of a pass: https anywhere, plain http only to a loopback, link-local or private address
 * written as an IP literal (the fetcher reaches those only when the server allows private targets), nothing else.
 */
class PassKeysUriTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://agent.example.com/jwks.json", "http://127.0.0.1:8080/jwks.json",
            "http://[::1]:9000/keys", "http://10.1.2.3/jwks", "http://192.168.0.7/jwks", "http://169.254.1.1/jwks",
            "http://[fd00::1]/jwks"})
    void acceptsHttpsAndPlainHttpToPrivateAddressLiterals(String uri) {
        assertThat(PassKeys.parseUri(uri)).hasToString(uri);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://keys.example.com/jwks.json", "http://localhost/jwks", "http://8.8.8.8/jwks",
            "http://[2001:db8::1]/jwks", "http://127.0.0.1.nip.io/jwks"})
    void refusesPlainHttpToANameOrAPublicAddress(String uri) {
        assertThatThrownBy(() -> PassKeys.parseUri(uri)).isInstanceOfSatisfying(ValidationException.class, refused ->
                assertThat(refused.violations()).singleElement().satisfies(violation -> {
                    assertThat(violation.field()).isEqualTo(PassKeys.JWKS_URI_FIELD);
                    assertThat(violation.rule()).contains("plain http is only for a loopback or private address");
                }));
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://keys.example.com/jwks", "https:///jwks",
            "https://user@agent.example.com/jwks", "https://agent.example.com/jwks#frag"})
    void refusesOtherSchemesMissingHostsUserInfoAndFragments(String uri) {
        assertThatThrownBy(() -> PassKeys.parseUri(uri)).isInstanceOfSatisfying(ValidationException.class, refused ->
                assertThat(refused.violations()).singleElement().extracting(FieldViolation::field)
                        .isEqualTo(PassKeys.JWKS_URI_FIELD));
    }
}
