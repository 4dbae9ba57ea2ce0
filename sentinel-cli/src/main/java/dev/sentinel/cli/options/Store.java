package dev.sentinel.cli.options;

import dev.sentinel.core.Sentinel;
import dev.sentinel.core.adapter.crypto.CredentialHashers;
import dev.sentinel.core.application.PassService;
import dev.sentinel.core.application.access.AccessKeyService;
import dev.sentinel.core.application.access.AccountService;
import dev.sentinel.core.application.access.MembershipService;
import dev.sentinel.core.application.access.SetupLinkService;
import dev.sentinel.core.application.federation.TrustPolicyService;
import dev.sentinel.core.application.project.ProjectService;
import dev.sentinel.cli.serve.KeyEncryptionKey;
import dev.sentinel.core.port.in.Actor;
import dev.sentinel.core.port.in.Principal;
import dev.sentinel.core.port.out.CredentialHasher;
import dev.sentinel.persistence.jdbi.JdbiStorage;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * An open store and the {@link Sentinel} on it, closed together. When the key-encryption key of the store's servers can
 * be found as {@code serve} finds it (env {@value KeyEncryptionKey#FILE_ENV}, env {@value KeyEncryptionKey#ENV}, or the
 * file in the data directory; never created here), the audit entries the command writes are sealed with it, so that
 * {@code sentinel audit verify} verifies them; without it they are written unsealed, as before.
 */
public final class Store implements AutoCloseable {

    /** Who acts from the command line: an owner, {@code cli:<OS user>} in the audit trail. */
    public static final Principal PRINCIPAL = Principal.cli(System.getProperty("user.name"));
    /** The actor the audit trail records for every change made from the command line: {@code cli:<OS user>}. */
    public static final Actor CLI = PRINCIPAL.actor();

    private final JdbiStorage storage;
    private final Sentinel sentinel;

    private Store(JdbiStorage storage, Sentinel sentinel) {
        this.storage = storage;
        this.sentinel = sentinel;
    }

    /** Opens the existing store the options name, for commands that issue no secrets. */
    public static Store open(StoreOptions options) {
        return open(options, CredentialHashers.named("sha256"));
    }

    /** Opens the existing store the options name, with the given hasher for new secrets; creates nothing. */
    public static Store open(StoreOptions options, CredentialHasher hasher) {
        return around(options.open(), hasher, foundKey(options));
    }

    /**
     * Opens the existing store with the key-encryption key given (the caller zeroes it): audit entries are sealed, and
     * the audit chain can be verified.
     */
    public static Store open(StoreOptions options, byte[] keyEncryptionKey) {
        return around(options.open(), CredentialHashers.named("sha256"), Optional.of(keyEncryptionKey.clone()));
    }

    /** Opens the store the options name, creating it when there is none, with the given hasher for new secrets. */
    public static Store openOrCreate(StoreOptions options, CredentialHasher hasher) {
        return around(options.openOrCreate(), hasher, foundKey(options));
    }

    private static Store around(JdbiStorage storage, CredentialHasher hasher, Optional<byte[]> keyEncryptionKey) {
        try {
            Sentinel.Builder builder = Sentinel.builder().storage(storage).hasher(hasher);
            keyEncryptionKey.ifPresent(builder::keyEncryptionKey);
            return new Store(storage, builder.build());
        } catch (RuntimeException failed) {
            storage.close();
            throw failed;
        } finally {
            keyEncryptionKey.ifPresent(key -> Arrays.fill(key, (byte) 0));
        }
    }

    /** The key-encryption key as serve would find it, when there is one; nothing is created. */
    private static Optional<byte[]> foundKey(StoreOptions options) {
        String file = System.getenv(KeyEncryptionKey.FILE_ENV);
        String value = System.getenv(KeyEncryptionKey.ENV);
        boolean configured = (file != null && !file.isBlank()) || (value != null && !value.isBlank());
        if (!configured && (options.dataDir() == null
                || !Files.isRegularFile(options.dataDir().resolve(KeyEncryptionKey.FILE_NAME)))) {
            return Optional.empty();
        }
        return Optional.of(KeyEncryptionKey.resolve(Optional.ofNullable(file).filter(name -> !name.isBlank())
                .map(java.nio.file.Path::of), System.getenv(), options.dataDir(), false));
    }

    /**
     * Whether opening made this store (there was none where the options point), for the note that says so: a pass
     * created in a store no server uses gets {@code invalid_client} from every running server.
     */
    public boolean created() {
        return storage.created();
    }

    /** The note for stderr after a command made a new store: where it is, and that no server uses it yet. */
    public String createdNote() {
        return StoreOptions.createdNote(storage) + "; no server uses it yet. If one is running, give this command the "
                + "server's store (--data-dir or SENTINEL_DATA_DIR, or --db-url): its clients cannot use passes made here.";
    }

    public Sentinel sentinel() {
        return sentinel;
    }

    /** The pass use cases, recorded as done by {@link #CLI}. */
    public PassService passes() {
        return sentinel.passes().as(CLI);
    }

    /** The project records, changed as {@link #CLI}. */
    public ProjectService projects() {
        return sentinel.projects().as(CLI);
    }

    /** People's accounts, changed as {@link #CLI}. */
    public AccountService accounts() {
        return sentinel.accounts().as(CLI);
    }

    /** Project memberships, changed as {@link #CLI}. */
    public MembershipService memberships() {
        return sentinel.memberships().as(CLI);
    }

    /** Access keys, created and revoked as {@link #CLI}. */
    public AccessKeyService accessKeys() {
        return sentinel.accessKeys().as(CLI);
    }

    /** One-time set-up links, issued as {@link #CLI}. */
    public SetupLinkService setupLinks() {
        return sentinel.setupLinks().as(CLI);
    }

    /**
     * The trust policies, changed by {@link #PRINCIPAL} (an owner); for reading and deleting, where no audience is
     * needed.
     */
    public TrustPolicyService trustPolicies() {
        return sentinel.trustPolicies(() -> {
            throw new IllegalStateException("no default audience on the command line: the command gives one");
        });
    }

    /** The trust policies, a policy that names no audience getting {@code defaultAudience} (Sentinel's issuer). */
    public TrustPolicyService trustPolicies(String defaultAudience) {
        Objects.requireNonNull(defaultAudience, "defaultAudience");
        return sentinel.trustPolicies(() -> defaultAudience);
    }

    @Override
    public void close() {
        storage.close();
    }
}
