package dev.sentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/** The jar {@code package} built and the JDK running the tests, for tests that run {@code sentinel} as a process. */
final class BuiltJar {

    private BuiltJar() {
    }

    /** The runnable jar; failsafe sets {@code SENTINEL_JAR}. */
    static String jar() {
        String jar = System.getenv("SENTINEL_JAR");
        assertThat(jar).as("failsafe sets SENTINEL_JAR to the built jar").isNotBlank();
        return jar;
    }

    /** The {@code java} of the JDK running the tests. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
