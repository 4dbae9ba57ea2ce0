package dev.sentinel.core.application.access;

import dev.sentinel.core.application.token.KeyEncryption;
import dev.sentinel.core.domain.AuditEntry;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.access.Account;
import dev.sentinel.core.domain.access.Membership;
import dev.sentinel.core.domain.access.ProviderIdentity;
import dev.sentinel.core.domain.access.Role;
import dev.sentinel.core.domain.access.SsoIdentity;
import dev.sentinel.core.domain.access.SsoRefusedException;
import dev.sentinel.core.domain.access.SsoRoles;
import dev.sentinel.core.port.out.Storage;
import dev.sentinel.core.port.out.StorageSession;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Single sign-on through an OpenID provider, once its ID token is verified: which account a provider identity reaches,
 * and the sealed state that carries a sign-in from the redirect to the provider back to the callback on any node.
 *
 * <p>An identity reaches the account its ({@code iss}, {@code sub}) is linked to, and nothing else. The first sign-in of
 * an identity links it to the account with its email only when the provider says the email is verified and the account
 * has no other subject of that provider linked yet; later sign-ins match by ({@code iss}, {@code sub}) alone, so an email
 * changed at the provider cannot reach another account. People without an account are refused (accounts are made by
 * owners). When the identity carries groups (a roles claim is configured), they set the account's roles ({@link SsoRoles}):
 * the owner role and the memberships of existing projects become exactly what the groups say. Sign-ins, links, role
 * changes and refusals are audited, each in the transaction of its change; the sign-in itself is audited by
 * {@link SessionService#start} when the caller starts the account's session. Immutable and thread-safe.
 */
public final class SingleSignOnService {

    /** The actor of refusals, when no account signed in. */
    public static final String SERVER_ACTOR = "sentinel-server";
    private static final String STATE_INFO = "sentinel single sign-on state v1";
    private static final String STATE_RECORD = "sso-state";

    private final Storage storage;
    private final Clock clock;
    private final KeyEncryption stateSeal;

    /** @param keyEncryptionKey the node's key-encryption key (32 bytes, not kept): the state key is derived from it */
    public SingleSignOnService(Storage storage, Clock clock, byte[] keyEncryptionKey) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.clock = Objects.requireNonNull(clock, "clock");
        byte[] derived = derive(keyEncryptionKey);
        try {
            this.stateSeal = new KeyEncryption(derived, new SecureRandom(), "the single sign-on state");
        } finally {
            Arrays.fill(derived, (byte) 0);
        }
    }

    /**
     * The account {@code identity} signs in as; links it on its first sign-in and applies its groups, all audited. The
     * caller then starts the account's session ({@link SessionService#start}, method {@link SessionStart#SSO}).
     *
     * @throws SsoRefusedException when it may reach no account (audited as {@code account.sso_refused})
     */
    public Account signIn(ProviderIdentity identity) {
        Objects.requireNonNull(identity, "identity");
        Object outcome = storage.inTransaction(session -> {
            Instant now = clock.instant();
            Optional<SsoIdentity> linked = session.accounts().findIdentity(identity.issuer(), identity.subject());
            Account account;
            if (linked.isPresent()) {
                account = session.accounts().findForUpdate(linked.get().account()).orElse(null);
                if (account == null || account.isDisabled()) {
                    return refuse(session, now, identity, SsoRefusedException.Reason.DISABLED);
                }
            } else {
                if (identity.verifiedEmail().isEmpty()) {
                    return refuse(session, now, identity, SsoRefusedException.Reason.EMAIL_NOT_VERIFIED);
                }
                account = session.accounts().findByEmail(identity.verifiedEmail().get()).orElse(null);
                if (account == null) {
                    return refuse(session, now, identity, SsoRefusedException.Reason.NO_ACCOUNT);
                }
                account = session.accounts().findForUpdate(account.id()).orElseThrow();
                if (account.isDisabled()) {
                    return refuse(session, now, identity, SsoRefusedException.Reason.DISABLED);
                }
                boolean otherSubject = session.accounts().identities(account.id()).stream()
                        .anyMatch(existing -> existing.issuer().equals(identity.issuer()));
                if (otherSubject) {
                    return refuse(session, now, identity, SsoRefusedException.Reason.LINKED_TO_ANOTHER_SUBJECT);
                }
                session.accounts().link(new SsoIdentity(identity.issuer(), identity.subject(), account.id(), now));
                audit(session, now, account, "account.sso_link", "iss=" + identity.issuer() + " sub=" + identity.subject());
            }
            if (identity.groups().isPresent()) {
                account = applyRoles(session, now, account, SsoRoles.of(identity.groups().get()));
            }
            return account;
        });
        if (outcome instanceof SsoRefusedException refused) {
            throw refused;
        }
        return (Account) outcome;
    }

    /**
     * Audits a sign-in the relying party refused before any identity was known to be true: the provider refused the
     * code, or its ID token did not verify ({@code reason} says which; no token or secret in it).
     */
    public void refused(String issuer, String reason) {
        storage.inTransaction(session -> {
            session.audit().record(new AuditEntry(clock.instant(), SERVER_ACTOR, "account.sso_refused", Optional.empty(),
                    "iss=" + issuer + " reason=" + reason));
            return null;
        });
    }

    private Account applyRoles(StorageSession session, Instant now, Account account, SsoRoles roles) {
        Account current = account;
        if (account.owner() != roles.owner()) {
            current = account.withOwner(roles.owner());
            session.accounts().update(current);
            audit(session, now, current, "account.role", "owner=" + roles.owner() + " (from the provider's groups)");
        }
        Map<ProjectId, Membership> before = new HashMap<>();
        session.memberships().listByAccount(account.id()).forEach(membership -> before.put(membership.project(), membership));
        for (Map.Entry<ProjectId, Role> wanted : roles.projects().entrySet()) {
            Membership had = before.remove(wanted.getKey());
            if (had != null && had.role() == wanted.getValue()) {
                continue;
            }
            if (session.projects().findForUpdate(wanted.getKey()).isEmpty()) {
                continue; // a group for a project this server does not have grants nothing
            }
            session.memberships().put(new Membership(wanted.getKey(), account.id(), wanted.getValue(),
                    had == null ? now : had.since()));
            audit(session, now, current, "membership.put", "role=" + (had == null ? "" : had.role().code() + " -> ")
                    + wanted.getValue().code() + " (from the provider's groups)", wanted.getKey());
        }
        for (Membership gone : before.values().stream().sorted(java.util.Comparator.comparing(m -> m.project().value()))
                .toList()) {
            session.memberships().remove(gone.project(), account.id());
            audit(session, now, current, "membership.remove", "(not in the provider's groups)", gone.project());
        }
        return current;
    }

    private SsoRefusedException refuse(StorageSession session, Instant now, ProviderIdentity identity,
                                       SsoRefusedException.Reason reason) {
        session.audit().record(new AuditEntry(now, SERVER_ACTOR, "account.sso_refused", Optional.empty(),
                "iss=" + identity.issuer() + " sub=" + identity.subject() + identity.email().map(email -> " email="
                        + email + " email_verified=" + identity.emailVerified()).orElse("") + " reason=" + reason.code()));
        return new SsoRefusedException(reason);
    }

    private static void audit(StorageSession session, Instant now, Account account, String action, String detail) {
        session.audit().record(new AuditEntry(now, account.email().value(), action, Optional.empty(),
                ("account=" + account.email() + " " + detail).strip()));
    }

    private static void audit(StorageSession session, Instant now, Account account, String action, String detail,
                              ProjectId project) {
        session.audit().record(new AuditEntry(now, account.email().value(), action, Optional.empty(),
                ("account=" + account.email() + " " + detail).strip()).inProject(project));
    }

    /** {@code state} sealed (AES-256-GCM under a key derived from the key-encryption key): opaque, tamper-evident. */
    public String sealState(byte[] state) {
        return stateSeal.encrypt(STATE_RECORD, state);
    }

    /** What {@link #sealState} sealed on any node sharing the key-encryption key; empty when altered or foreign. */
    public Optional<byte[]> openState(String sealed) {
        try {
            return Optional.of(stateSeal.decrypt(STATE_RECORD, sealed));
        } catch (IllegalStateException altered) {
            return Optional.empty();
        }
    }

    /** HKDF-Expand's first block (RFC 5869 §2.3): HMAC-SHA256(key-encryption key, info || 0x01). */
    private static byte[] derive(byte[] keyEncryptionKey) {
        if (keyEncryptionKey == null || keyEncryptionKey.length != 32) {
            throw new IllegalArgumentException("the key-encryption key must be 32 bytes");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keyEncryptionKey, "HmacSHA256"));
            byte[] info = STATE_INFO.getBytes(StandardCharsets.US_ASCII);
            mac.update(info);
            mac.update((byte) 1);
            return mac.doFinal();
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", impossible);
        }
    }
}
