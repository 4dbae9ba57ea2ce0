package dev.sentinel.core.domain.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.domain.FieldViolation;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private static final Email ADA = new Email("ada.lovelace@example.com");

    @Test
    void aLongUncommonPasswordWithoutTheEmailsNamePasses() {
        assertThat(PasswordPolicy.violations("correct horse battery staple".toCharArray(), ADA)).isEmpty();
    }

    @Test
    void everyBrokenRuleIsNamedAtOnce() {
        assertThat(PasswordPolicy.violations("password".toCharArray(), new Email("pass@example.com")))
                .extracting(FieldViolation::field).containsOnly("password");
        assertThat(PasswordPolicy.violations("password".toCharArray(), new Email("pass@example.com")))
                .extracting(FieldViolation::rule).containsExactly("must have at least 12 characters",
                        "must not contain the email's name (pass)", "is one of the most common passwords; choose another");
    }

    @Test
    void refusesACommonPasswordOfTwelveCharactersIgnoringCase() {
        assertThat(CommonPasswords.size()).as("the shipped list").isGreaterThan(29_000);
        assertThat(PasswordPolicy.violations("1QAZ2WSX3EDC".toCharArray(), ADA)).extracting(FieldViolation::rule)
                .containsExactly("is one of the most common passwords; choose another");
    }

    @Test
    void refusesThePasswordContainingTheLocalPartInAnyCase() {
        assertThat(PasswordPolicy.violations("my-ADA.LOVELACE-secret-2026".toCharArray(), ADA))
                .extracting(FieldViolation::rule).containsExactly("must not contain the email's name (ada.lovelace)");
    }

    @Test
    void aLocalPartShorterThanThreeCharactersIsNotARule() {
        assertThat(PasswordPolicy.violations("a quiet walk at dawn".toCharArray(), new Email("a@example.com"))).isEmpty();
    }

    @Test
    void countsCharactersNotBytes() {
        assertThat(PasswordPolicy.violations("ünïcödé-pässwörd".toCharArray(), ADA)).isEmpty();
        assertThat(PasswordPolicy.violations("äöüäöüäöüäö".toCharArray(), ADA)).extracting(FieldViolation::rule)
                .containsExactly("must have at least 12 characters");
    }
}
