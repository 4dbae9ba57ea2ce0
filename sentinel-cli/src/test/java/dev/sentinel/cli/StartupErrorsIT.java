package dev.sentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sentinel serve} through the built jar, when it cannot start: exit code 1 and one line that says what is wrong
 * in the operator's words. An address that is not on this machine (192.0.2.1, TEST-NET-1: the kernel refuses the bind,
 * no packet leaves) is not "port already in use". The permission cases run as an unprivileged user: as {@code nobody}
 * through {@code runuser} when the tests run as root (as in CI), else as the user running them.
 */
class StartupErrorsIT {

    @TempDir
    Path work;

    private Path shared;

    @AfterEach
    void removeShared() throws Exception {
        if (shared != null) {
            try (Stream<Path> paths = Files.walk(shared)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void anAddressThatIsNotOnThisMachineIsNotAvailable() throws Exception {
        int port = BuiltJar.freePort();

        Finished refused = run(new ProcessBuilder(serve("--host", "192.0.2.1", "--port", Integer.toString(port),
                "--data-dir", work.resolve("data").toString())));

        assertOneLineFailure(refused, "error: cannot listen on 192.0.2.1:" + port
                + ": address not available (it is not an address of this machine)");
        assertThat(refused.err()).doesNotContainIgnoringCase("already in use");
        assertThat(refused.err().lines()).as("the one line alone, without Javalin's ERROR log line before it")
                .hasSize(1);
    }

    @Test
    void aPortAnotherProcessListensOnIsInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Finished refused = run(new ProcessBuilder(serve("--port", Integer.toString(taken.getLocalPort()),
                    "--data-dir", work.resolve("data").toString())));

            String line = "error: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": port already in use";
            assertOneLineFailure(refused, line);
            assertThat(refused.err().lines()).as("the one line alone, without Javalin's ERROR log line before it")
                    .containsExactly(line);
        }
    }

    @Test
    void aPrivilegedPortIsPermissionDeniedForAnUnprivilegedUser() throws Exception {
        int unprivilegedFrom = unprivilegedPortStart();
        Assumptions.assumeTrue(unprivilegedFrom > 80, "every user may bind port 80 on this machine "
                + "(net.ipv4.ip_unprivileged_port_start=" + unprivilegedFrom + ")");
        Path dataDir = unprivilegedWorkspace().resolve("data");

        Finished refused = run(unprivileged(serve("--port", "80", "--data-dir", dataDir.toString())));

        assertOneLineFailure(refused, "error: cannot listen on 127.0.0.1:80: permission denied (ports below 1024 need "
                + "root or CAP_NET_BIND_SERVICE; choose a port from 1024 up)");
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedIsPermissionDenied() throws Exception {
        Path workspace = unprivilegedWorkspace();
        Path locked = Files.createDirectory(workspace.resolve("locked"));
        lockAgainstTheUnprivilegedUser(locked);
        Path dataDir = locked.resolve("data");

        Finished refused = run(unprivileged(serve("--port", "0", "--data-dir", dataDir.toString())));

        assertOneLineFailure(refused, "error: cannot create data directory " + dataDir + ": permission denied (OS user "
                + unprivilegedUser() + " cannot create it in " + locked + ")");
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void aDataDirectoryThatCannotBeWrittenIsPermissionDenied() throws Exception {
        Path workspace = unprivilegedWorkspace();
        Path dataDir = Files.createDirectory(workspace.resolve("data"));
        lockAgainstTheUnprivilegedUser(dataDir);

        Finished refused = run(unprivileged(serve("--port", "0", "--data-dir", dataDir.toString())));

        assertOneLineFailure(refused, "error: cannot open data directory " + dataDir + ": permission denied (OS user "
                + unprivilegedUser() + " cannot write to it)");
    }

    private static void assertOneLineFailure(Finished refused, String line) {
        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(1);
        List<String> errorLines = refused.err().lines().filter(printed -> printed.startsWith("error: ")).toList();
        assertThat(errorLines).containsExactly(line);
        assertThat(refused.err()).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(refused.out()).doesNotContain("listening on");
    }

    /**
     * The lowest port any user may bind. Read in one call: a sysctl file answers a read at an offset past 0 with
     * nothing, so {@code Files.readString} (which reads one byte first) would see "1" for "1024".
     */
    private static int unprivilegedPortStart() throws Exception {
        Path sysctl = Path.of("/proc/sys/net/ipv4/ip_unprivileged_port_start");
        Assumptions.assumeTrue(Files.isReadable(sysctl), "no " + sysctl + " on this machine");
        try (BufferedReader reader = Files.newBufferedReader(sysctl)) {
            return Integer.parseInt(reader.readLine().strip());
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static String unprivilegedUser() {
        return root() ? "nobody" : System.getProperty("user.name");
    }

    /** A directory the unprivileged user owns, where it can reach the jar and the JDK. */
    private Path unprivilegedWorkspace() throws Exception {
        if (!root()) {
            return work;
        }
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/runuser")) || Files.isExecutable(Path.of("/sbin/runuser")),
                "runuser is not installed");
        shared = Files.createTempDirectory(Path.of("/tmp"), "sentinel-startup-");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path jar = shared.resolve("sentinel.jar");
        Files.copy(Path.of(BuiltJar.jar()), jar);
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
        Finished java = run(new ProcessBuilder("runuser", "-u", "nobody", "--", BuiltJar.java(), "-version"));
        Assumptions.assumeTrue(java.exitCode() == 0, "user nobody cannot run " + BuiltJar.java() + ": " + java.err());
        Path home = Files.createDirectory(shared.resolve("nobody"));
        Files.setOwner(home, home.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        return home;
    }

    /** Makes {@code dir} readable but not writable for the unprivileged user. */
    private static void lockAgainstTheUnprivilegedUser(Path dir) throws Exception {
        if (root()) {
            Files.setOwner(dir, dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("root"));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        } else {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-x------"));
        }
    }

    private List<String> serve(String... args) {
        List<String> command = new ArrayList<>(List.of(BuiltJar.java(), "-jar",
                shared != null ? shared.resolve("sentinel.jar").toString() : BuiltJar.jar(), "serve"));
        command.addAll(List.of(args));
        return command;
    }

    private ProcessBuilder unprivileged(List<String> command) {
        List<String> all = new ArrayList<>();
        if (root()) {
            all.addAll(List.of("runuser", "-u", "nobody", "--"));
        }
        all.addAll(command);
        return new ProcessBuilder(all);
    }

    private record Finished(int exitCode, String out, String err) {
    }

    private Finished run(ProcessBuilder builder) throws Exception {
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        builder.environment().keySet().removeIf(name -> name.startsWith("SENTINEL_") && !name.equals("SENTINEL_JAR"));
        builder.directory(shared != null ? shared.toFile() : work.toFile());
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", builder.command()) + " did not finish in 120 s");
        }
        return new Finished(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
