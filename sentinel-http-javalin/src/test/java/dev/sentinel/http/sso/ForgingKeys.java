package dev.sentinel.http.sso;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import no.nav.security.mock.oauth2.token.KeyProvider;

/**
 * The provider's keys, with a switch that makes it sign ID tokens with a key of the attacker's that carries the
 * provider's own key id, while its JWKS goes on publishing the real key: a forged token, as the relying party sees one.
 */
final class ForgingKeys extends KeyProvider {

    private volatile boolean forging;
    private final RSAKey forger;

    ForgingKeys() {
        try {
            this.forger = new RSAKeyGenerator(2048).generate();
        } catch (com.nimbusds.jose.JOSEException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    void forge() {
        forging = true;
    }

    @Override
    public JWK signingKey(String keyId) {
        JWK real = super.signingKey(keyId);
        boolean publishing = StackWalker.getInstance().walk(frames -> frames.anyMatch(frame ->
                frame.getMethodName().startsWith("publicJwkSet")));
        if (!forging || publishing) {
            return real;
        }
        return new RSAKey.Builder(forger).keyID(real.getKeyID()).build();
    }
}
