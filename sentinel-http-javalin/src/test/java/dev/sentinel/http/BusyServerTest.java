package dev.sentinel.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.application.CreatedPass;
import dev.sentinel.core.application.throttle.Throttling;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A busy server is not a slow client: with four busy loops per processor beside the server and a thread that keeps
 * stopping the world for full collections of a large heap, clients that send their small token requests whole, in
 * one write, are never answered 408 however late the server gets round to reading them. With the old body-rate check
 * (measured on the server's reads) this load drew 2–4 answers 408 in about 3,500 grants in each of three runs.
 * Bounded: the load runs for eight seconds. ({@link SlowClientsTest} keeps the trickling clients out.)
 */
class BusyServerTest {

    private static final int BUSY_LOOPS_PER_PROCESSOR = 4;
    private static final int CLIENTS = 16;
    private static final long LOAD_MILLIS = 8_000;
    private static final int LIVE_MEGABYTES = 256;
    private static final String BODY = "grant_type=client_credentials";

    @Test
    void smallBodiesSentAtOnceAreNeverRefusedAsSlowWhileTheProcessorsAreBusy() throws Exception {
        try (ServerFixture fixture = new ServerFixture(server -> server.throttling(Throttling.OFF))) {
            CreatedPass pass = fixture.createPass();
            byte[] request = ("POST /oauth/token HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nAuthorization: "
                    + ServerFixture.basic(pass.credentials().clientId().value(), pass.credentials().clientSecret().reveal())
                    + "\r\nContent-Length: " + BODY.length() + "\r\n\r\n" + BODY).getBytes(StandardCharsets.US_ASCII);
            AtomicBoolean running = new AtomicBoolean(true);
            Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
            List<Thread> threads = new ArrayList<>();
            int loops = BUSY_LOOPS_PER_PROCESSOR * Runtime.getRuntime().availableProcessors();
            for (int i = 0; i < loops; i++) {
                threads.add(daemon(() -> spin(running)));
            }
            threads.add(daemon(() -> collect(running)));
            for (int i = 0; i < CLIENTS; i++) {
                threads.add(daemon(() -> grant(fixture, request, running, statuses)));
            }
            try {
                Thread.sleep(LOAD_MILLIS);
            } finally {
                running.set(false);
                for (Thread thread : threads) {
                    thread.join(10_000);
                }
            }

            assertThat(statuses).as("answers under load: %s", statuses).doesNotContainKey(408);
            assertThat(statuses.getOrDefault(200, new AtomicLong()).get()).as("grants answered under load")
                    .isGreaterThan(100);
        }
    }

    private static Thread daemon(Runnable work) {
        Thread thread = new Thread(work);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * Keeps a large heap alive and collects it again and again: every collection stops the server's threads wherever
     * they are, for tens of milliseconds, the way a busy machine takes the processor away from them.
     */
    private static void collect(AtomicBoolean running) {
        List<long[]> live = new ArrayList<>();
        for (int i = 0; i < LIVE_MEGABYTES; i++) {
            live.add(new long[128 * 1024]);
        }
        while (running.get()) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException interrupted) {
                return;
            }
        }
        live.clear();
    }

    private static void spin(AtomicBoolean running) {
        long sink = 0;
        while (running.get()) {
            for (int i = 0; i < 100_000; i++) {
                sink += i ^ sink;
            }
        }
        if (sink == 42) {
            System.out.print("");
        }
    }

    /** One client on one keep-alive connection: each request in a single write, each answer read whole. */
    private static void grant(ServerFixture fixture, byte[] request, AtomicBoolean running,
                              Map<Integer, AtomicLong> statuses) {
        while (running.get()) {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), fixture.server.port())) {
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(30_000);
                OutputStream out = socket.getOutputStream();
                InputStream in = new BufferedInputStream(socket.getInputStream());
                while (running.get()) {
                    out.write(request);
                    out.flush();
                    int status = readReply(in);
                    statuses.computeIfAbsent(status, key -> new AtomicLong()).incrementAndGet();
                    if (status != 200) {
                        break; // the server may close after a refusal: a fresh connection
                    }
                }
            } catch (IOException closed) {
                statuses.computeIfAbsent(-1, key -> new AtomicLong()).incrementAndGet();
            }
        }
    }

    /** The status of one reply, its body skipped by its Content-Length. */
    private static int readReply(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        long length = 0;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Long.parseLong(header.substring(15).strip());
            }
        }
        in.skipNBytes(length);
        return status;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int read = in.read(); read != '\n'; read = in.read()) {
            if (read < 0) {
                throw new IOException("closed");
            }
            if (read != '\r') {
                line.append((char) read);
            }
        }
        return line.toString();
    }
}
