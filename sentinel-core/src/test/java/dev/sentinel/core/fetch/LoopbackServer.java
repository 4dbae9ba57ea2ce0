package dev.sentinel.core.fetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/** A JDK HTTP(S) server on a free loopback port whose routes a test sets; counts the requests of each path. */
final class LoopbackServer implements AutoCloseable {

    private final HttpServer server;
    private final String scheme;
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    private LoopbackServer(HttpServer server, String scheme) {
        this.server = server;
        this.scheme = scheme;
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    static LoopbackServer http() throws IOException {
        return new LoopbackServer(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0), "http");
    }

    static LoopbackServer https(SSLContext tls) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        return new LoopbackServer(server, "https");
    }

    LoopbackServer route(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            hits.computeIfAbsent(path, ignored -> new AtomicInteger()).incrementAndGet();
            try (exchange) {
                handler.handle(exchange);
            }
        });
        return this;
    }

    LoopbackServer json(String path, String body) {
        return route(path, exchange -> reply(exchange, 200, body));
    }

    int hits(String path) {
        AtomicInteger count = hits.get(path);
        return count == null ? 0 : count.get();
    }

    URI uri(String path) {
        return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    URI uri(String host, String path) {
        return URI.create(scheme + "://" + host + ":" + server.getAddress().getPort() + path);
    }

    static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
