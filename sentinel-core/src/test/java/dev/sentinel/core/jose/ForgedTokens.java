package dev.sentinel.core.jose;

/** Tokens signed by a genuine key with a header Sentinel never writes, for tests of what verifiers refuse. */
public final class ForgedTokens {

    private ForgedTokens() {
    }

    /** Signs {@code claimsJson} with {@code key} under a header of any {@code typ}. */
    public static String sign(SigningKey key, String typ, byte[] claimsJson) {
        return key.signJwt(typ, claimsJson);
    }
}
