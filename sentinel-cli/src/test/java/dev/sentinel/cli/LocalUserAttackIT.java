package dev.sentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A second, unprivileged OS user on the machine ({@code nobody}, through {@code runuser}) attacks the store of a running
 * {@code sentinel serve} (the built jar) the way it could attack the last release: read the files, connect to H2's
 * mixed-mode listener as {@code sa} without a password, read the key-encryption key with {@code FILE_READ}. The first
 * test shows the attack working against the last release's settings, so the second one can fail. The workspace and a
 * copy of the H2 jar sit where {@code nobody} can reach them. Needs root (CI runs as root); otherwise skipped.
 */
class LocalUserAttackIT {

    private static final String ATTACKER = "nobody";
    private static final String SECRET = "kek-only-root-may-read";

    private Path workspace;
    private Path h2Jar;
    private Process server;

    @BeforeEach
    void giveTheAttackerAWorkspace() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "the attack runs as another OS user through runuser, which needs root (running as "
                        + System.getProperty("user.name") + ")");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/runuser")) || Files.isExecutable(Path.of("/sbin/runuser")),
                "runuser is not installed");
        workspace = Files.createTempDirectory(Path.of("/tmp"), "sentinel-attack-");
        Files.setPosixFilePermissions(workspace, PosixFilePermissions.fromString("rwxr-xr-x"));
        h2Jar = workspace.resolve("h2.jar");
        Files.copy(Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI()), h2Jar);
        Files.setPosixFilePermissions(h2Jar, PosixFilePermissions.fromString("rw-r--r--"));
        Run whoAmI = asAttacker(List.of(BuiltJar.java(), "-version"));
        Assumptions.assumeTrue(whoAmI.exitCode() == 0, "user nobody cannot run " + BuiltJar.java() + ": " + whoAmI.output());
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (server != null && server.isAlive()) {
            server.destroy();
            if (!server.waitFor(15, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (workspace != null) {
            try (Stream<Path> paths = Files.walk(workspace)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void theAttackSucceedsAgainstTheLastReleasesSettings() throws Exception {
        Path dataDir = Files.createDirectory(workspace.resolve("last-release"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path kek = Files.createFile(dataDir.resolve("key-encryption.key"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(kek, SECRET);
        String url = "jdbc:h2:file:" + dataDir.resolve("sentinel") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0;LOCK_TIMEOUT=10000";
        try (Connection lastRelease = DriverManager.getConnection(url, "sa", "");
             Statement statement = lastRelease.createStatement()) {
            statement.execute("CREATE TABLE agent_credentials(hash VARCHAR)");
            statement.execute("INSERT INTO agent_credentials VALUES ('$sha256$victim')");

            assertThat(asAttacker(List.of("cat", kek.toString())).exitCode()).as("the key file itself is 0600").isNotZero();
            Run lockFile = asAttacker(List.of("cat", dataDir.resolve("sentinel.lock.db").toString()));
            assertThat(lockFile.exitCode()).as("the lock file is world-readable").isZero();
            Run stolen = h2Shell(lockFile.output(), "sa", "", "SELECT FILE_READ('" + kek + "', 'UTF-8')");

            assertThat(stolen.output()).as("nobody read the key-encryption key through H2").contains(SECRET);
        }
    }

    @Test
    void aSecondUserGetsNowhereAgainstSentinelServe() throws Exception {
        Path dataDir = workspace.resolve("data");
        startServer(dataDir);
        Run created = asRoot(sentinel("pass", "create", "--project", "attack", "--name", "Victim Agent", "--type",
                "Tester", "--data-dir", dataDir.toString()));
        assertThat(created.exitCode()).as("the CLI beside a running server: " + created.output()).isZero();

        assertThat(mode(dataDir)).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(dataDir)) {
            files.forEach(file -> assertThat(mode(file)).as(file.toString()).isEqualTo("rw-------"));
        }
        assertThat(asAttacker(List.of("ls", dataDir.toString())).exitCode()).as("list the data directory").isNotZero();
        for (String file : List.of("sentinel.lock.db", "sentinel.mv.db", "key-encryption.key", "database.credentials")) {
            assertThat(asAttacker(List.of("cat", dataDir.resolve(file).toString())).exitCode()).as("read " + file).isNotZero();
        }

        String lockFile = Files.readString(dataDir.resolve("sentinel.lock.db"));
        int port = Integer.parseInt(lockProperties(lockFile).getProperty("server").replaceAll(".*:", ""));
        assertThat(listenAddresses(port)).as("H2's listener for the CLI").isNotEmpty()
                .allSatisfy(address -> assertThat(java.net.InetAddress.getByName(address).isLoopbackAddress()).isTrue());
        for (String user : List.of("sa", "SENTINEL_RUNTIME")) {
            Run connected = h2Shell(lockFile, user, "", "SELECT FILE_READ('" + dataDir.resolve("key-encryption.key") + "')");
            assertThat(connected.output()).as("connect as " + user + " with the old empty password")
                    .contains("Wrong user name or password").doesNotContain("kek");
        }
        Run direct = asAttacker(List.of(BuiltJar.java(), "-cp", h2Jar.toString(), "org.h2.tools.Shell", "-url",
                "jdbc:h2:file:" + dataDir.resolve("sentinel") + ";IFEXISTS=TRUE", "-user", "sa", "-password", "",
                "-sql", "SELECT 1"));
        assertThat(direct.exitCode()).as("open the file directly: " + direct.output()).isNotZero();
    }

    private void startServer(Path dataDir) throws Exception {
        int port = BuiltJar.freePort();
        Path out = workspace.resolve("serve.out");
        List<String> command = new ArrayList<>(List.of("sh", "-c", "umask 022 && exec \"$@\"", "sh"));
        command.addAll(sentinel("serve", "--host", "0.0.0.0", "--port", Integer.toString(port), "--data-dir",
                dataDir.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SENTINEL_"));
        server = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(out).contains("listening on ")) {
            if (!server.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("serve did not start: " + Files.readString(out));
            }
            Thread.sleep(100);
        }
    }

    /** The H2 shell run by the attacker against the listener the lock file names, always on loopback. */
    private Run h2Shell(String lockFile, String user, String password, String sql) throws Exception {
        Properties lock = lockProperties(lockFile);
        String port = lock.getProperty("server").replaceAll(".*:", "");
        String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/" + lock.getProperty("id");
        return asAttacker(List.of(BuiltJar.java(), "-cp", h2Jar.toString(), "org.h2.tools.Shell", "-url", url, "-user", user,
                "-password", password, "-sql", sql));
    }

    private static Properties lockProperties(String text) throws IOException {
        Properties properties = new Properties();
        properties.load(new java.io.StringReader(text));
        assertThat(properties.getProperty("server")).as("the lock file names H2's listener").isNotBlank();
        return properties;
    }

    /** The local addresses listening on {@code port}, from /proc/net/tcp and tcp6. */
    private static List<String> listenAddresses(int port) throws IOException {
        List<String> addresses = new ArrayList<>();
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table)).subList(1, Files.readAllLines(Path.of(table)).size())) {
                String[] fields = line.trim().split("\\s+");
                String[] local = fields[1].split(":");
                if (local[1].equals(hexPort) && fields[3].equals("0A")) {
                    addresses.add(decode(local[0]));
                }
            }
        }
        return addresses;
    }

    /** An address as /proc/net prints it: 32-bit words, each in little-endian order. */
    private static String decode(String hex) throws IOException {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = word * 8 + (3 - i) * 2;
                bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        return java.net.InetAddress.getByAddress(bytes).getHostAddress();
    }

    private static List<String> sentinel(String... args) {
        List<String> command = new ArrayList<>(List.of(BuiltJar.java(), "-jar", BuiltJar.jar()));
        command.addAll(List.of(args));
        return command;
    }

    private record Run(int exitCode, String output) {
    }

    private Run asAttacker(List<String> command) throws Exception {
        List<String> full = new ArrayList<>(List.of("runuser", "-u", ATTACKER, "--"));
        full.addAll(command);
        return run(full);
    }

    private Run asRoot(List<String> command) throws Exception {
        return run(command);
    }

    private Run run(List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(workspace.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SENTINEL_"));
        builder.environment().put("HOME", workspace.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 60 s");
        }
        return new Run(process.exitValue(), output);
    }

    private static String mode(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException failure) {
            throw new java.io.UncheckedIOException(failure);
        }
    }
}
