package dev.sentinel.http;

import dev.sentinel.core.Sentinel;
import dev.sentinel.core.service.CreatePassCommand;
import dev.sentinel.core.service.CreatedPass;

/**
 * Starts a server on in-memory storage for {@code bench/token.sh}, creates one pass and prints
 * {@code PORT=…}, {@code CLIENT_ID=…}, {@code CLIENT_SECRET=…} and {@code ADMIN_TOKEN=…} lines, then runs until killed.
 * Arguments: [port] [signing algorithm].
 */
public final class BenchServer {

    private BenchServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        String algorithm = args.length > 1 ? args[1] : "EdDSA";
        Sentinel sentinel = Sentinel.builder().build();
        SentinelServer server = SentinelServer.builder(sentinel).port(port).signingAlgorithm(algorithm)
                .adminToken("bench-admin-token-0123456789").build().start();
        CreatedPass created = sentinel.passes().create(CreatePassCommand.builder("bench")
                .agentName("Bench Agent").agentType("benchmark").build());
        System.out.println("PORT=" + server.port());
        System.out.println("CLIENT_ID=" + created.credentials().clientId().value());
        System.out.println("CLIENT_SECRET=" + created.credentials().clientSecret().reveal());
        System.out.println("ADMIN_TOKEN=bench-admin-token-0123456789");
        System.out.println("HASHER=" + sentinel.hasher().algorithm() + " SIGNING=" + algorithm);
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            server.activityStats().ifPresent(stats -> System.out.println("ACTIVITY " + stats));
        }));
        Thread.currentThread().join();
    }
}
