package dev.sentinel.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three hundred sockets trickle request bodies one byte at a time (a slow-body attack): the server must keep answering
 * {@code /healthz} and token requests from everyone else. Bounded: the attack runs for a few seconds, then stops.
 */
class SlowClientsTest {

    private static final int ATTACKERS = 300;

    private final ServerFixture fixture = new ServerFixture();
    private final List<Socket> sockets = new ArrayList<>();
    private final ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        trickle.shutdownNow();
        sockets.forEach(socket -> {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed by the server
            }
        });
        fixture.close();
    }

    @Test
    void tricklingBodiesDoNotStarveOtherClients() throws Exception {
        var created = fixture.createPass();
        String basic = ServerFixture.basic(created.credentials().clientId().value(), created.credentials().clientSecret().reveal());
        for (int i = 0; i < ATTACKERS; i++) {
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), fixture.server.port());
            OutputStream out = socket.getOutputStream();
            out.write(("POST /oauth/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: 4096\r\n\r\ng").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            sockets.add(socket);
        }
        trickle.scheduleAtFixedRate(() -> sockets.forEach(socket -> {
            try {
                socket.getOutputStream().write('r');
                socket.getOutputStream().flush();
            } catch (IOException closedByServer) {
                // the server gave up on a too-slow body: exactly what it should do
            }
        }), 500, 500, TimeUnit.MILLISECONDS);
        Thread.sleep(3_000); // long enough for the trickling requests to occupy whatever they can

        long started = System.nanoTime();
        HttpResponse<String> health = fixture.send(HttpRequest.newBuilder(fixture.uri("/healthz"))
                .timeout(Duration.ofSeconds(5)).build());
        HttpResponse<String> grant = fixture.send(HttpRequest.newBuilder(fixture.uri("/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", basic)
                .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build());
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(grant.statusCode()).isEqualTo(200);
        assertThat(tookMillis).as("answered while %d bodies trickle", ATTACKERS).isLessThan(3_000);
    }
}
