package dev.sentinel.core.domain.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentinel.core.domain.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailTest {

    @Test
    void normalisesToLowerCaseSoOneLoginHasOneSpelling() {
        assertThat(Email.of("  Ada.Lovelace@Example.COM ")).isEqualTo(new Email("ada.lovelace@example.com"));
        assertThat(Email.of("Ada@Example.com").localPart()).isEqualTo("ada");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ada", "ada@", "@example.com", "ada@example", "a b@example.com", "ada@@example.com"})
    void refusesWhatIsNotAnAddressNamingTheField(String raw) {
        assertThatThrownBy(() -> Email.of(raw)).isInstanceOfSatisfying(ValidationException.class, failure ->
                assertThat(failure.violations()).extracting(violation -> violation.field()).containsExactly("email"));
    }
}
