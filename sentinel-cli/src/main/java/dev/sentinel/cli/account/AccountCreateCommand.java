package dev.sentinel.cli.account;

import dev.sentinel.cli.options.Candidates;
import dev.sentinel.cli.options.JsonOption;
import dev.sentinel.cli.options.Store;
import dev.sentinel.cli.options.StoreOptions;
import dev.sentinel.cli.render.Json;
import dev.sentinel.core.application.access.IssuedSetupLink;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.ProjectNotFoundException;
import dev.sentinel.core.domain.Violations;
import dev.sentinel.core.domain.access.Account;
import dev.sentinel.core.domain.access.Role;
import dev.sentinel.core.port.in.CreateAccountCommand;
import dev.sentinel.core.wire.Timestamps;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sentinel account create EMAIL --role owner|admin|viewer [--project NAME]… [--password-file FILE]}: an account
 * with a password from a file (the password rules apply), or, without one, a one-time set-up link (valid 24 hours,
 * usable once) that lets the person choose it. With {@code --role owner} on an existing account's email this is also
 * the recovery path: whoever can run the CLI on the store gets a new set-up link for that owner.
 */
@Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Create an account: an owner (server-wide), or admin or viewer of the --project",
            "projects. Without --password-file it prints a one-time set-up link (valid 24 hours,",
            "usable once) for the person to choose a password. For an owner that exists already",
            "(a lost password), --role owner without --password-file prints a new set-up link. Audited."})
final class AccountCreateCommand implements Callable<Integer> {

    static final String ROLE_FIELD = "role";
    static final String PROJECT_FIELD = "project";
    static final String PASSWORD_FILE_FIELD = "password_file";

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "EMAIL", description = "The email the person signs in with.")
    String email;

    @Option(names = "--role", paramLabel = "ROLE", required = true, completionCandidates = Candidates.AccountRoles.class,
            description = "owner, admin or viewer.")
    String role;

    @Option(names = "--project", paramLabel = "NAME",
            description = "A project for admin or viewer (repeatable; at least one for those roles).")
    List<String> projects = new ArrayList<>();

    @Option(names = "--display-name", paramLabel = "TEXT", description = "A name for people. Default: the email's "
            + "part before the @.")
    String displayName;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "A file holding the password (one line; at least 12 characters, not a common password, "
                    + "not containing the email's local part). Without it: a set-up link.")
    Path passwordFile;

    @Option(names = "--server-url", paramLabel = "URL", defaultValue = "${env:SENTINEL_ISSUER:-http://127.0.0.1:8080}",
            description = "The server's address as people open it, for the set-up link. Env: SENTINEL_ISSUER. "
                    + "Default: ${DEFAULT-VALUE}")
    String serverUrl;

    @Mixin
    JsonOption json;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        Violations violations = new Violations();
        Role checked = violations.check(() -> Role.parse(ROLE_FIELD, role, Role.OWNER, Role.ADMIN, Role.VIEWER));
        List<ProjectId> named = projects(violations, checked, projects);
        char[] password = passwordFile == null ? null : violations.check(() -> readPassword(passwordFile));
        try {
            CreateAccountCommand command = new CreateAccountCommand(email, displayName, checked == Role.OWNER, password);
            violations.check(command::validate);
            violations.throwIfAny();
            return create(command, checked, named, password != null);
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    private int create(CreateAccountCommand command, Role checked, List<ProjectId> named, boolean withPassword) {
        Account account;
        Optional<IssuedSetupLink> link = Optional.empty();
        boolean recovered = false;
        try (Store store = Store.open(storeOptions)) {
            named.forEach(project -> store.projects().find(project)
                    .orElseThrow(() -> new ProjectNotFoundException(project.value())));
            Optional<Account> existing = store.accounts().findByEmail(command.validate().email());
            if (existing.isPresent() && checked == Role.OWNER && existing.get().owner() && !withPassword) {
                account = existing.get();
                recovered = true;
            } else {
                account = store.accounts().create(command);
                named.forEach(project -> store.memberships().put(project, account.email(), checked.code()));
            }
            if (!withPassword) {
                link = Optional.of(store.setupLinks().issue(account.id()));
            }
        } finally {
            command.clear();
        }
        print(account, checked, named, link, recovered);
        return 0;
    }

    private void print(Account account, Role checked, List<ProjectId> named, Optional<IssuedSetupLink> link,
                       boolean recovered) {
        PrintWriter out = spec.commandLine().getOut();
        Optional<String> url = link.map(issued -> issued.url(serverUrl));
        if (json.enabled()) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("email", account.email().value());
            document.put("role", checked.code());
            document.put("projects", named.stream().map(ProjectId::value).toList());
            document.put("created", !recovered);
            document.put("setup_url", url.orElse(null));
            document.put("setup_url_expires_at", link.map(issued -> Timestamps.format(issued.expiresAt())).orElse(null));
            out.println(Json.write(document));
        } else {
            out.println((recovered ? "Account " + account.email() + " exists (owner)." : "Created account "
                    + account.email() + " (" + (checked == Role.OWNER ? "owner" : checked.code() + " of "
                    + String.join(", ", named.stream().map(ProjectId::value).toList())) + ")."));
            url.ifPresent(shown -> {
                out.println("One-time set-up link (valid 24 hours, usable once; it sets the password):");
                out.println("  " + shown);
            });
        }
        out.flush();
    }

    /** The projects a role needs: none for owner, at least one for admin and viewer. */
    static List<ProjectId> projects(Violations violations, Role role, List<String> raw) {
        List<ProjectId> named = new ArrayList<>();
        for (String project : raw) {
            ProjectId id = violations.check(() -> ProjectId.of(project));
            if (id != null) {
                named.add(id);
            }
        }
        if (role == Role.OWNER && !raw.isEmpty()) {
            violations.add(PROJECT_FIELD, "is not for the owner role, which reaches every project");
        }
        if ((role == Role.ADMIN || role == Role.VIEWER) && raw.isEmpty()) {
            violations.add(PROJECT_FIELD, "is needed for the " + role.code() + " role: name at least one project");
        }
        return named;
    }

    private static char[] readPassword(Path file) {
        byte[] bytes = new byte[0];
        try {
            bytes = Files.readAllBytes(file);
            CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
            int end = chars.limit();
            while (end > 0 && (chars.get(end - 1) == '\n' || chars.get(end - 1) == '\r')) {
                end--;
            }
            char[] password = new char[end];
            chars.get(password, 0, end);
            Arrays.fill(chars.array(), '\0');
            return password;
        } catch (IOException unreadable) {
            throw dev.sentinel.core.domain.ValidationException.of(PASSWORD_FILE_FIELD, "cannot be read: "
                    + unreadable.getClass().getSimpleName() + " " + file);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
