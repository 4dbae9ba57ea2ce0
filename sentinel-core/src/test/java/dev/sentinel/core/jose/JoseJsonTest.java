package dev.sentinel.core.jose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JOSE JSON codec against an independent implementation (Nimbus JOSE+JWT): what one writes, the other reads back
 * the same, for thousands of random claim sets; mutated input is either refused or read as Nimbus reads it.
 */
class JoseJsonTest {

    private static final int ROUNDS = 3_000;

    @Test
    void writesCompactJsonInTheMapsOrder() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "https://auth.example.com");
        claims.put("exp", 1_764_150_000L);
        claims.put("aud", List.of("a", "b"));
        claims.put("ok", true);
        claims.put("note", "quote \" backslash \\ tab \t nul \u0000 é");

        assertThat(new String(JoseJson.write(claims), StandardCharsets.UTF_8)).isEqualTo(
                "{\"iss\":\"https://auth.example.com\",\"exp\":1764150000,\"aud\":[\"a\",\"b\"],\"ok\":true,"
                        + "\"note\":\"quote \\\" backslash \\\\ tab \\t nul \\u0000 é\"}");
    }

    @Test
    void whatItWritesNimbusReadsBackTheSame() throws Exception {
        Random random = new Random(7);
        for (int round = 0; round < ROUNDS; round++) {
            Map<String, Object> claims = randomClaims(random);
            String written = new String(JoseJson.write(claims), StandardCharsets.UTF_8);

            assertThat(JSONObjectUtils.parse(written)).as(written).isEqualTo(claims);
        }
    }

    @Test
    void whatNimbusWritesItReadsBackTheSame() {
        Random random = new Random(11);
        for (int round = 0; round < ROUNDS; round++) {
            Map<String, Object> claims = randomClaims(random);
            String written = JSONObjectUtils.toJSONString(claims);

            assertThat(JoseJson.read(written.getBytes(StandardCharsets.UTF_8))).as(written).isEqualTo(claims);
        }
    }

    @Test
    void mutatedInputIsRefusedOrReadAsNimbusReadsIt() {
        Random random = new Random(13);
        int accepted = 0;
        for (int round = 0; round < ROUNDS * 3; round++) {
            byte[] json = JSONObjectUtils.toJSONString(randomClaims(random)).getBytes(StandardCharsets.UTF_8);
            mutate(json, random);
            Map<String, Object> ours;
            try {
                ours = JoseJson.read(json);
            } catch (IllegalArgumentException refused) {
                continue;
            }
            accepted++;
            String text = new String(json, StandardCharsets.UTF_8);
            try {
                assertThat(JSONObjectUtils.parse(text)).as(text).isEqualTo(ours);
            } catch (java.text.ParseException nimbusRefused) {
                throw new AssertionError("accepted what Nimbus refuses: " + text, nimbusRefused);
            }
        }
        assertThat(accepted).as("some mutations stay valid JSON, so the comparison ran").isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"sub\":\"a\",\"sub\":\"b\"}", "{\"exp\":1.5}", "{\"exp\":1e9}", "{\"exp\":01}",
        "{\"a\":1} x", "[1]", "{\"a\":tru}", "{\"a\":\"\u0001\"}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}",
        "{\"a\":[[[[[[[[[[1]]]]]]]]]]}", "{\"a\":99999999999999999999}", "{\"a\" 1}", "{\"a\":1,}", "", "{"})
    void refusesWhatIsNotAStrictJoseObject(String text) {
        assertThatThrownBy(() -> JoseJson.read(text.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<String, Object> randomClaims(Random random) {
        Map<String, Object> claims = new LinkedHashMap<>();
        int members = 1 + random.nextInt(10);
        for (int i = 0; i < members; i++) {
            String name = randomString(random, 1 + random.nextInt(12));
            Object value = switch (random.nextInt(4)) {
                case 0 -> randomString(random, random.nextInt(40));
                case 1 -> random.nextLong() >> random.nextInt(64);
                case 2 -> random.nextBoolean();
                default -> {
                    List<Object> list = new ArrayList<>();
                    for (int j = random.nextInt(4); j > 0; j--) {
                        list.add(randomString(random, random.nextInt(10)));
                    }
                    yield list;
                }
            };
            claims.put(name, value);
        }
        return claims;
    }

    /** Printable ASCII, the JSON specials, control characters and non-ASCII (BMP and a surrogate pair). */
    private static String randomString(Random random, int length) {
        String specials = "\"\\/\b\f\n\r\t\u0000\u001f\u007fé€中";
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            if (kind < 6) {
                text.append((char) (' ' + random.nextInt(95)));
            } else if (kind < 9) {
                text.append(specials.charAt(random.nextInt(specials.length())));
            } else {
                text.append("\ud83d\ude00");
            }
        }
        return text.toString();
    }

    private static void mutate(byte[] json, Random random) {
        int changes = 1 + random.nextInt(3);
        for (int i = 0; i < changes; i++) {
            int at = random.nextInt(json.length);
            String alphabet = "{}[]\",:0123456789-tfnue\\ ";
            json[at] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
        }
    }
}
