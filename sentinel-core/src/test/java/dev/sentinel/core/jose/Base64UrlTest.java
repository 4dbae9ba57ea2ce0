package dev.sentinel.core.jose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Base64UrlTest {

    @Test
    void everyByteStringHasOneAcceptedText() {
        Random random = new Random(3);
        for (int length = 0; length < 70; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            assertThat(Base64Url.decode(Base64Url.encode(bytes))).isEqualTo(bytes);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"AB", "AAB", "QR==", "QQ==", "QQ=", "a+b/", "a b", "A"})
    void refusesPaddingForeignCharactersAndSetUnusedBits(String text) {
        assertThatThrownBy(() -> Base64Url.decode(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsTheCanonicalNeighboursOfRefusedTexts() {
        assertThat(Base64Url.decode("AA")).containsExactly(0);
        assertThat(Base64Url.decode("QQ")).containsExactly('A');
    }
}
