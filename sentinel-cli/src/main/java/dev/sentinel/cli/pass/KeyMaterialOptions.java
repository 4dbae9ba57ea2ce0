package dev.sentinel.cli.pass;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Where the public keys of a {@code private_key_jwt} pass come from: a file ({@code --jwks-file}) or a key pair made
 * here ({@code --generate-key}, with {@code --key-alg}). Used by {@code pass create} and {@code pass keys add|replace}.
 */
final class KeyMaterialOptions {

    @Option(names = "--jwks-file", paramLabel = "FILE",
            description = "private_key_jwt: the agent's public keys: a JWK set, one public JWK, or PEM public keys "
                    + "(-----BEGIN PUBLIC KEY-----). A private key is refused.")
    Path jwksFile;

    @Option(names = "--generate-key",
            description = "private_key_jwt: make a key pair on this machine, store only its public key and print the "
                    + "private key (PEM and JWK) this once.")
    boolean generateKey;

    @Option(names = "--key-alg", paramLabel = "ALG",
            description = "With --generate-key: ES256, EdDSA, RS256 or PS256 (RSA 2048). Default: ES256.")
    String keyAlg;

    /**
     * Refuses combinations that make no sense, as usage errors: two sources of keys, {@code --key-alg} without
     * {@code --generate-key}, an unknown algorithm.
     *
     * @param otherSource whether the command was also given {@code --jwks-uri}
     */
    void check(CommandLine commandLine, boolean otherSource) {
        int sources = (jwksFile != null ? 1 : 0) + (generateKey ? 1 : 0) + (otherSource ? 1 : 0);
        if (sources > 1) {
            throw new ParameterException(commandLine,
                    "give one of --jwks-file, --jwks-uri and --generate-key, not several");
        }
        if (keyAlg != null && !generateKey) {
            throw new ParameterException(commandLine, "--key-alg applies only with --generate-key");
        }
        if (keyAlg != null) {
            try {
                GeneratedKey.Algorithm.parse(keyAlg);
            } catch (IllegalArgumentException unknown) {
                throw new ParameterException(commandLine, unknown.getMessage());
            }
        }
    }

    /** Whether a file or a generated key was asked for. */
    boolean given() {
        return jwksFile != null || generateKey;
    }

    /** The key pair asked for with {@code --generate-key}, made now. */
    Optional<GeneratedKey> generate() {
        if (!generateKey) {
            return Optional.empty();
        }
        return Optional.of(GeneratedKey.generate(keyAlg == null ? GeneratedKey.Algorithm.ES256
                : GeneratedKey.Algorithm.parse(keyAlg)));
    }

    /** The JWK set to register (JSON text): the file's keys, or the generated key's public part only. */
    Optional<String> jwks(Optional<GeneratedKey> generated) {
        if (generated.isPresent()) {
            return Optional.of(PublicKeyFile.set(generated.get().publicJwk()));
        }
        return jwksFile == null ? Optional.empty() : Optional.of(PublicKeyFile.read(jwksFile));
    }
}
