package dev.sentinel.http.sso;

import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import dev.sentinel.core.domain.ValidationException;
import dev.sentinel.core.domain.access.Email;
import dev.sentinel.core.domain.access.ProviderIdentity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Reads a verified ID token's claims as the identity core decides on. */
final class ProviderClaims {

    private ProviderClaims() {
    }

    /**
     * {@code iss}, {@code sub}, {@code email} (when it is an address), {@code email_verified} (true only for the JSON
     * {@code true}), and with a roles claim configured its values: a list of strings or one string; absent, none.
     */
    static ProviderIdentity identity(IDTokenClaimsSet claims, Optional<String> rolesClaim) {
        Optional<Email> email = Optional.ofNullable(claims.getStringClaim("email")).flatMap(ProviderClaims::email);
        boolean verified = Boolean.TRUE.equals(claims.getClaim("email_verified"));
        Optional<List<String>> groups = rolesClaim.map(name -> values(claims.getClaim(name)));
        return new ProviderIdentity(claims.getIssuer().getValue(), claims.getSubject().getValue(), email, verified, groups);
    }

    private static Optional<Email> email(String raw) {
        try {
            return Optional.of(Email.of(raw));
        } catch (ValidationException notAnAddress) {
            return Optional.empty();
        }
    }

    private static List<String> values(Object claim) {
        List<String> values = new ArrayList<>();
        if (claim instanceof String single) {
            values.add(single);
        } else if (claim instanceof Collection<?> many) {
            many.stream().filter(String.class::isInstance).map(String.class::cast).forEach(values::add);
        }
        return values;
    }
}
