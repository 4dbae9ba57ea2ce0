package dev.sentinel.core.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentinel.core.fetch.FetchException.Kind;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustedFetcherTest {

    private static final FetchPolicy PRIVATE_ALLOWED = FetchPolicy.builder().allowPrivateTargets(true)
            .timeout(Duration.ofSeconds(1)).build();

    private LoopbackServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void fetchesPlainHttpFromLoopbackWhenPrivateTargetsAreAllowed() throws Exception {
        server = LoopbackServer.http().route("/doc", exchange -> {
            exchange.getResponseHeaders().set("Cache-Control", "public, max-age=600");
            LoopbackServer.reply(exchange, 200, "{\"ok\":true}");
        });

        Fetched fetched = new TrustedFetcher(PRIVATE_ALLOWED).get(server.uri("/doc"));

        assertThat(fetched.text()).isEqualTo("{\"ok\":true}");
        assertThat(fetched.maxAge()).contains(Duration.ofMinutes(10));
    }

    @Test
    void refusesLoopbackWithoutTheOptInBeforeConnecting() throws Exception {
        server = LoopbackServer.http().json("/doc", "{}");
        TrustedFetcher fetcher = new TrustedFetcher(FetchPolicy.builder()
                .privateTargetsHint("start the server with --allow-private-targets").build());

        assertThatThrownBy(() -> fetcher.get(URI.create(server.uri("/doc").toString().replace("http:", "https:"))))
                .isInstanceOfSatisfying(FetchException.class, refused -> {
                    assertThat(refused.kind()).isEqualTo(Kind.REFUSED_TARGET);
                    assertThat(refused.reason()).contains("127.0.0.1, a loopback address")
                            .contains("--allow-private-targets");
                });
        assertThatThrownBy(() -> fetcher.get(URI.create("https://localhost:1/keys")))
                .isInstanceOfSatisfying(FetchException.class, refused -> assertThat(refused.reason()).contains("loopback"));
        assertThat(server.hits("/doc")).isZero();
    }

    @Test
    void requiresHttpsUnlessPrivateTargetsAreAllowedAndThenOnlyToPrivateAddresses() throws Exception {
        server = LoopbackServer.http().json("/doc", "{}");

        assertThatThrownBy(() -> new TrustedFetcher(FetchPolicy.publicTargetsOnly()).get(server.uri("/doc")))
                .isInstanceOfSatisfying(FetchException.class, refused -> assertThat(refused.reason())
                        .contains("is plain http; only https is fetched"));
        assertThatThrownBy(() -> new TrustedFetcher(PRIVATE_ALLOWED).get(URI.create("http://192.0.2.10/keys")))
                .isInstanceOfSatisfying(FetchException.class, refused -> assertThat(refused.reason())
                        .contains("plain http to the public address 192.0.2.10"));
        assertThat(server.hits("/doc")).isZero();
    }

    @Test
    void refusesOtherSchemesAndUserInformationWithItsOwnException() {
        TrustedFetcher fetcher = new TrustedFetcher(PRIVATE_ALLOWED);
        for (String target : new String[] {"file:///etc/passwd", "ftp://127.0.0.1/keys", "jar:file:/x!/y", "/relative",
                "https:opaque", "mailto:a@example.com"}) {
            assertThatThrownBy(() -> fetcher.get(URI.create(target))).as(target)
                    .isInstanceOfSatisfying(FetchException.class, refused -> assertThat(refused.kind())
                            .isEqualTo(Kind.REFUSED_TARGET));
        }
        assertThatThrownBy(() -> fetcher.get(URI.create("http://user:secret@127.0.0.1:1/keys")))
                .isInstanceOfSatisfying(FetchException.class, refused -> assertThat(refused.reason())
                        .contains("user information").doesNotContain("secret"));
    }

    @Test
    void refusesARedirectWithoutFollowingIt() throws Exception {
        server = LoopbackServer.http().json("/elsewhere", "{}");
        server.route("/doc", exchange -> {
            exchange.getResponseHeaders().set("Location", server.uri("/elsewhere?token=x").toString());
            exchange.sendResponseHeaders(302, -1);
        });

        assertThatThrownBy(() -> new TrustedFetcher(PRIVATE_ALLOWED).get(server.uri("/doc")))
                .isInstanceOfSatisfying(FetchException.class, refused -> {
                    assertThat(refused.kind()).isEqualTo(Kind.REDIRECT);
                    assertThat(refused.reason()).contains("HTTP 302").contains("/elsewhere").doesNotContain("token=x");
                });
        assertThat(server.hits("/elsewhere")).isZero();
    }

    @Test
    void refusesAClientThatFollowsRedirects() {
        HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

        assertThatThrownBy(() -> new TrustedFetcher(PRIVATE_ALLOWED, following))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not follow redirects");
    }

    @Test
    void cutsAnEndlessBodyOffAtTheCapWhileReading() throws Exception {
        server = LoopbackServer.http().route("/endless", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked, no length announced
            byte[] chunk = new byte[8192];
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 100_000; i++) {
                    out.write(chunk);
                }
            } catch (IOException clientWentAway) {
                // expected: the fetcher stops reading at the cap
            }
        });
        TrustedFetcher fetcher = new TrustedFetcher(FetchPolicy.builder().allowPrivateTargets(true)
                .timeout(Duration.ofSeconds(30)).maxBytes(64 * 1024).build());

        assertThatThrownBy(() -> fetcher.get(server.uri("/endless")))
                .isInstanceOfSatisfying(FetchException.class, refused -> {
                    assertThat(refused.kind()).isEqualTo(Kind.TOO_LARGE);
                    assertThat(refused.reason()).contains("more than 65536 bytes");
                });
    }

    @Test
    void refusesABodyThatAnnouncesMoreThanTheCap() throws Exception {
        server = LoopbackServer.http().json("/big", "x".repeat(256 * 1024 + 1));

        assertThatThrownBy(() -> new TrustedFetcher(PRIVATE_ALLOWED).get(server.uri("/big")))
                .isInstanceOfSatisfying(FetchException.class, refused -> assertThat(refused.kind())
                        .isEqualTo(Kind.TOO_LARGE));
    }

    @Test
    void boundsATrickledBodyAsAWholeWhileOtherFetchesGoOn() throws Exception {
        CountDownLatch clientClosed = new CountDownLatch(1);
        server = LoopbackServer.http().json("/fast", "{\"fast\":true}");
        server.route("/trickle", exchange -> {
            exchange.sendResponseHeaders(200, 100);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 100; i++) {
                    out.write('{');
                    out.flush();
                    Thread.sleep(200);
                }
            } catch (IOException clientWentAway) {
                clientClosed.countDown();
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        });
        TrustedFetcher fetcher = new TrustedFetcher(PRIVATE_ALLOWED);

        CompletableFuture<Fetched> trickled = fetcher.getAsync(server.uri("/trickle"));
        Fetched fast = fetcher.get(server.uri("/fast"));

        assertThat(fast.text()).contains("fast");
        assertThat(trickled).isNotDone(); // a 20 s body, bounded at 1 s
        assertThat(trickled).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(FetchException.class, failed -> {
                    assertThat(failed.kind()).isEqualTo(Kind.TIMEOUT);
                    assertThat(failed.reason()).contains("did not answer in full within 1000 ms");
                });
        assertThat(clientClosed.await(5, TimeUnit.SECONDS)).as("the connection is closed, not left reading").isTrue();
    }

    @Test
    void answersOtherStatusesWithoutReadingTheBody() throws Exception {
        server = LoopbackServer.http().route("/gone", exchange -> LoopbackServer.reply(exchange, 404, "{}"));

        assertThatThrownBy(() -> new TrustedFetcher(PRIVATE_ALLOWED).get(server.uri("/gone")))
                .isInstanceOfSatisfying(FetchException.class, failed -> {
                    assertThat(failed.kind()).isEqualTo(Kind.HTTP_STATUS);
                    assertThat(failed.reason()).endsWith("answered HTTP 404");
                });
    }

    @Test
    void reportsAClosedPortAsANetworkFailure() {
        assertThatThrownBy(() -> new TrustedFetcher(PRIVATE_ALLOWED).get(URI.create("http://127.0.0.1:1/keys")))
                .isInstanceOfSatisfying(FetchException.class, failed -> assertThat(failed.kind()).isEqualTo(Kind.NETWORK));
    }

    @Test
    void fetchesFromAnAllowedHostOverHttpsWithoutCheckingItsAddress(@TempDir Path directory) throws Exception {
        TestTls tls = TestTls.make(directory);
        server = LoopbackServer.https(tls.server).json("/keys", "{\"keys\":[]}");
        HttpClient trusting = HttpClient.newBuilder().sslContext(tls.client)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        URI keys = server.uri("localhost", "/keys");

        assertThatThrownBy(() -> new TrustedFetcher(FetchPolicy.publicTargetsOnly(), trusting).get(keys))
                .isInstanceOfSatisfying(FetchException.class, refused -> assertThat(refused.reason()).contains("loopback"));
        FetchPolicy allowing = FetchPolicy.builder().allowedHosts(() -> Set.of("localhost")).build();
        assertThat(new TrustedFetcher(allowing, trusting).get(keys).text()).isEqualTo("{\"keys\":[]}");
        assertThat(new TrustedFetcher(allowing, trusting).get(keys.resolve("//LOCALHOST:" + keys.getPort() + "/keys"))
                .text()).isEqualTo("{\"keys\":[]}");
    }

    @Test
    void postsAFormWithItsHeaders() throws Exception {
        server = LoopbackServer.http().route("/introspect", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes());
            LoopbackServer.reply(exchange, 200, "{\"form\":\"" + body + "\",\"auth\":\""
                    + exchange.getRequestHeaders().getFirst("Authorization") + "\"}");
        });

        Fetched reply = new TrustedFetcher(PRIVATE_ALLOWED).postForm(server.uri("/introspect"), "token=abc",
                Map.of("Authorization", "Basic eA=="));

        assertThat(reply.text()).isEqualTo("{\"form\":\"token=abc\",\"auth\":\"Basic eA==\"}");
    }
}
