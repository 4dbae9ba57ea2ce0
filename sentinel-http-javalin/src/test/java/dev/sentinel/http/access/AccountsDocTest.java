package dev.sentinel.http.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.io.BaseEncoding;
import dev.sentinel.core.Sentinel;
import dev.sentinel.core.adapter.memory.InMemoryStorage;
import dev.sentinel.core.application.access.TotpCodes;
import dev.sentinel.core.domain.access.Account;
import dev.sentinel.core.port.in.CreateAccountCommand;
import dev.sentinel.http.SentinelServer;
import dev.sentinel.http.TestServer;
import dev.sentinel.http.web.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code curl} lines of docs/accounts.md run, in page order, through bash and the real curl against a real server
 * on a free port, with {@code $BASE} and {@code $ADMIN} set as the page assumes; the page's {@code http://127.0.0.1:8080}
 * stands for the server, its {@code …} password for the account's, its {@code 123456} for the authenticator's code of
 * the moment. Each must succeed (2xx), and a reply the page shows under it must have the fields the page shows.
 */
class AccountsDocTest {

    private static final Path ACCOUNTS_MD = Path.of("../docs/accounts.md");
    private static final String ADMIN = "accounts-doc-admin-token-0123456789abcdef";
    private static final String PASSWORD = "a long walk by the river";
    private static final Pattern FENCE = Pattern.compile("(?m)^ *```(\\w*)\\n(.*?)^ *```", Pattern.DOTALL);

    private final HttpClient http = HttpClient.newHttpClient();
    private Sentinel sentinel;
    private SentinelServer server;
    private byte[] totpSecret;

    @TempDir
    Path work;

    /** A curl command of the page and the JSON reply shown under it, if any. */
    private record Sample(String command, String shownReply) {
    }

    @BeforeEach
    void start() throws Exception {
        sentinel = Sentinel.builder().storage(new InMemoryStorage()).build();
        server = TestServer.builder(sentinel).port(0).adminToken(ADMIN).keyEncryptionKey(new byte[32])
                .stopTimeout(Duration.ZERO).build().start();
        Account ada = server.node().accounts().create(new CreateAccountCommand("ada@example.com", "Ada", true,
                PASSWORD.toCharArray()));
        server.node().accounts().create(new CreateAccountCommand("grace@example.com", "Grace", false, null));
        totpSecret = BaseEncoding.base32().omitPadding().decode(server.node().accounts().beginTotp(ada.id()).secret());
        server.node().accounts().confirmTotp(ada.id(), TotpCodes.code(totpSecret, TotpCodes.step(Instant.now()) - 1));
        // what the page's audit query finds: a revoked pass of the project acme
        HttpResponse<String> pass = admin("POST", "/api/v1/projects/acme/passes",
                "{\"agent_name\": \"Orders\", \"agent_type\": \"Sourcing Agent\"}");
        assertThat(pass.statusCode()).as(pass.body()).isEqualTo(201);
        String passId = Json.parse(pass.body()).path("pass").path("pass_id").asText();
        assertThat(admin("POST", "/api/v1/passes/" + passId + "/revoke", null).statusCode()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyCurlLineOfThePageRunsAndAnswersWhatThePageShows() throws Exception {
        List<Sample> samples = samples(Files.readString(ACCOUNTS_MD));
        assertThat(samples).as("curl lines of docs/accounts.md").hasSizeGreaterThanOrEqualTo(7);

        for (Sample sample : samples) {
            String command = sample.command().replace("http://127.0.0.1:8080", "$BASE")
                    .replace("\"password\":\"…\"", "\"password\":\"" + PASSWORD + "\"")
                    .replace("\"totp\":\"123456\"", "\"totp\":\"" + TotpCodes.code(totpSecret,
                            TotpCodes.step(Instant.now())) + "\"")
                    .replaceFirst("^curl ", "curl -w '\\\\n%{http_code}' ");
            command = futureExpiry(command);
            String output = run(command);
            int lastLine = output.lastIndexOf('\n');
            int status = Integer.parseInt(output.substring(lastLine + 1).strip());
            String reply = output.substring(0, lastLine);
            assertThat(status).as(sample.command() + "\n" + reply).isBetween(200, 299);
            if (sample.command().contains(" -si ")) {
                reply = reply.substring(reply.indexOf("\r\n\r\n") + 4);
                assertThat(Files.readString(work.resolve("cookies.txt"))).as("the cookie jar of " + sample.command())
                        .contains("sentinel_session");
            }
            if (sample.shownReply() != null) {
                JsonNode answered = Json.parse(reply);
                Set<String> names = fieldNames(answered);
                assertThat(fieldNames(Json.parse(sample.shownReply().replace("…", ""))))
                        .as("the fields the page shows under " + sample.command() + ", in\n" + reply)
                        .allSatisfy(name -> assertThat(names.contains(name) || underNull(answered, name))
                                .as(name).isTrue());
            }
        }
    }

    /** The curl commands of the page's bash and sh blocks (continuation lines joined), each with the JSON block after. */
    static List<Sample> samples(String page) {
        List<Sample> samples = new ArrayList<>();
        Matcher fence = FENCE.matcher(page);
        List<String[]> blocks = new ArrayList<>();
        int end = 0;
        while (fence.find()) {
            boolean adjacent = page.substring(end, fence.start()).isBlank();
            blocks.add(new String[] {fence.group(1), fence.group(2), adjacent ? "adjacent" : ""});
            end = fence.end();
        }
        for (int i = 0; i < blocks.size(); i++) {
            if (!Set.of("bash", "sh").contains(blocks.get(i)[0])) {
                continue;
            }
            String joined = blocks.get(i)[1].replaceAll("\\\\\\n\\s*", "");
            List<String> curls = joined.lines().map(String::strip).filter(line -> line.startsWith("curl ")).toList();
            boolean json = i + 1 < blocks.size() && blocks.get(i + 1)[0].equals("json") && !blocks.get(i + 1)[2].isEmpty();
            for (int c = 0; c < curls.size(); c++) {
                samples.add(new Sample(curls.get(c), json && c == curls.size() - 1 ? blocks.get(i + 1)[1] : null));
            }
        }
        return samples;
    }

    /** Whether a field on the way to {@code name} is null in the reply (a broken chain's details, say). */
    private static boolean underNull(JsonNode reply, String name) {
        JsonNode node = reply;
        for (String part : name.replace("[]", ".0").split("\\.")) {
            node = part.matches("\\d+") ? node.path(Integer.parseInt(part)) : node.path(part);
            if (node.isNull()) {
                return true;
            }
        }
        return false;
    }

    /** An {@code expires_at} of the page that has passed moves a year ahead of now (the server refuses a past one). */
    private static String futureExpiry(String command) {
        Matcher expiry = Pattern.compile("\"expires_at\": \"([^\"]+)\"").matcher(command);
        if (expiry.find() && Instant.parse(expiry.group(1)).isBefore(Instant.now().plus(Duration.ofDays(1)))) {
            return command.replace(expiry.group(1), Instant.now().plus(Duration.ofDays(365)).toString());
        }
        return command;
    }

    /** The dotted names of every field of the reply (an array stands for its first element). */
    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        collect("", node, names);
        return names;
    }

    private static void collect(String prefix, JsonNode node, Set<String> names) {
        if (node.isArray() && !node.isEmpty()) {
            collect(prefix + "[]", node.get(0), names);
        }
        if (node.isObject()) {
            for (Iterator<String> fields = node.fieldNames(); fields.hasNext(); ) {
                String field = fields.next();
                names.add(prefix + field);
                collect(prefix + field + ".", node.get(field), names);
            }
        }
    }

    private String run(String command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", command).directory(work.toFile())
                .redirectErrorStream(true);
        builder.environment().put("BASE", server.baseUri().toString().replaceAll("/$", ""));
        builder.environment().put("ADMIN", ADMIN);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(command + "\n" + output).isZero();
        return output;
    }

    private HttpResponse<String> admin(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUri().toString().replaceAll("/$", "")
                + path)).header("Authorization", "Bearer " + ADMIN).method(method, json == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
