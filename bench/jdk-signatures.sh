#!/usr/bin/env bash
# The JDK's own providers' signature speed on this machine, one thread: SHA256withECDSA (P-256) and SHA256withRSA
# (2048 bits), sign and verify, each a 4-second loop after a 1-second warm-up. docs/benchmarks.md compares them with
# the private_key_jwt grant of bench/federation.sh, whose ES256 client assertions are verified with the JDK's provider.
#
# Usage: bench/jdk-signatures.sh        Needs java 17+ (runs a single-file program, no build).
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat >"$work/JdkSignatures.java" <<'JAVA'
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;

public class JdkSignatures {
    public static void main(String[] args) throws Exception {
        for (String[] alg : new String[][] {{"EC", "SHA256withECDSA"}, {"RSA", "SHA256withRSA"}}) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(alg[0]);
            if (alg[0].equals("EC")) generator.initialize(new ECGenParameterSpec("secp256r1"));
            else generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            byte[] input = new byte[300];
            Signature signer = Signature.getInstance(alg[1]);
            signer.initSign(pair.getPrivate());
            signer.update(input);
            byte[] signature = signer.sign();
            for (String op : new String[] {"sign", "verify"}) {
                long start = System.nanoTime(), end = start + 5_000_000_000L, count = 0;
                boolean warm = false;
                while (System.nanoTime() < end) {
                    Signature s = Signature.getInstance(alg[1]);
                    if (op.equals("sign")) { s.initSign(pair.getPrivate()); s.update(input); s.sign(); }
                    else { s.initVerify(pair.getPublic()); s.update(input); if (!s.verify(signature)) throw new AssertionError(); }
                    count++;
                    if (!warm && System.nanoTime() - start > 1_000_000_000L) { warm = true; count = 0; start = System.nanoTime(); }
                }
                System.out.printf("%s %s (%s): %.0f/s on one thread%n", alg[1], op, Signature.getInstance(alg[1]).getProvider().getName(),
                        count / ((System.nanoTime() - start) / 1e9));
            }
        }
    }
}
JAVA
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ); machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
java "$work/JdkSignatures.java"
