package dev.sentinel.core.application;

import com.google.common.base.Suppliers;
import dev.sentinel.core.domain.AuditEntry;
import dev.sentinel.core.domain.ValidationException;
import dev.sentinel.core.port.in.Actor;
import dev.sentinel.core.port.out.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The hosts an owner allows the server to fetch keys and metadata from although they resolve to a private, loopback
 * or link-local address (internal issuers and receivers): kept in the shared {@code Settings} store as
 * {@code allowed_host.<host>} with when and by whom each was added, so every node sees the same list. A host is a DNS
 * name or an IP literal, compared without case and exactly as it appears in the URL (no wildcards, no port); https is
 * still required. {@link #current()} is read by the fetch policy at every fetch and cached for
 * {@value #CACHE_SECONDS} seconds, so a change made on another node applies within that time (at once on this one).
 * Adding and removing are audited ({@value #ADD_ACTION}, {@value #REMOVE_ACTION}); who may do it (owners) is the
 * adapter's check. Thread-safe.
 */
public final class AllowedHostService {

    public static final String ADD_ACTION = "allowed_host.add";
    public static final String REMOVE_ACTION = "allowed_host.remove";
    public static final String FIELD = "host";
    static final String PREFIX = "allowed_host.";
    static final long CACHE_SECONDS = 10;

    private static final Pattern DNS_NAME = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]{2,45}");

    /** One allowed host: the name, when it was added and by whom. */
    public record AllowedHost(String host, Instant addedAt, String addedBy) {
        public AllowedHost {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(addedAt, "addedAt");
            Objects.requireNonNull(addedBy, "addedBy");
        }
    }

    private final Storage storage;
    private final Clock clock;
    private final Actor actor;
    private final AtomicReference<Supplier<Set<String>>> cached;

    public AllowedHostService(Storage storage, Clock clock, Actor actor) {
        this(storage, clock, actor, new AtomicReference<>());
        cached.set(memoized());
    }

    private AllowedHostService(Storage storage, Clock clock, Actor actor, AtomicReference<Supplier<Set<String>>> cached) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.actor = Objects.requireNonNull(actor, "actor");
        this.cached = cached;
    }

    /** The same service (sharing its cache), recording {@code who} as the actor of changes. */
    public AllowedHostService as(Actor who) {
        return new AllowedHostService(storage, clock, who, cached);
    }

    /** Every allowed host, by name. */
    public List<AllowedHost> list() {
        return storage.read(session -> session.settings().withPrefix(PREFIX)).entrySet().stream()
                .map(entry -> parse(entry.getKey().substring(PREFIX.length()), entry.getValue())).toList();
    }

    /**
     * Allows {@code host}; returns it as stored, and whether it was added now (false: it was allowed already, and
     * nothing was written).
     *
     * @throws ValidationException naming {@value #FIELD} when it is not a host name or IP literal
     */
    public Added add(String host) {
        String name = normalized(host);
        Instant now = clock.instant();
        Added added = storage.inTransaction(session -> {
            Optional<String> existing = session.settings().get(PREFIX + name);
            if (existing.isPresent()) {
                return new Added(parse(name, existing.get()), false);
            }
            session.settings().put(PREFIX + name, now + " " + actor.name());
            session.audit().record(new AuditEntry(now, actor.name(), ADD_ACTION, Optional.empty(), "host=" + name));
            return new Added(new AllowedHost(name, now, actor.name()), true);
        });
        refresh();
        return added;
    }

    /** The outcome of {@link #add}. */
    public record Added(AllowedHost host, boolean created) {
    }

    /**
     * Withdraws {@code host}; false when it was not allowed (nothing written).
     *
     * @throws ValidationException naming {@value #FIELD} when it is not a host name or IP literal
     */
    public boolean remove(String host) {
        String name = normalized(host);
        boolean removed = storage.inTransaction(session -> {
            if (!session.settings().delete(PREFIX + name)) {
                return false;
            }
            session.audit().record(new AuditEntry(clock.instant(), actor.name(), REMOVE_ACTION, Optional.empty(),
                    "host=" + name));
            return true;
        });
        refresh();
        return removed;
    }

    /** The allowed host names, as the fetch policy reads them: cached for {@value #CACHE_SECONDS} s. */
    public Set<String> current() {
        return cached.get().get();
    }

    /**
     * {@code host} in lower case, checked: a DNS name (labels of letters, digits and inner hyphens, at most 253
     * characters) or an IPv4 or IPv6 literal (without brackets).
     */
    public static String normalized(String host) {
        String name = host == null ? "" : host.strip().toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        boolean ipv6 = name.contains(":") && IPV6.matcher(name).matches();
        if (!ipv6 && !DNS_NAME.matcher(name).matches()) {
            throw ValidationException.of(FIELD, "must be a host name such as issuer.internal.example or an IP address,"
                    + " without scheme, port, path or wildcard (got '" + (host == null ? "" : host) + "')");
        }
        return name;
    }

    private void refresh() {
        cached.set(memoized());
    }

    private Supplier<Set<String>> memoized() {
        return Suppliers.memoizeWithExpiration(() -> {
            try {
                return Set.copyOf(storage.read(session -> session.settings().withPrefix(PREFIX)).keySet().stream()
                        .map(key -> key.substring(PREFIX.length())).toList());
            } catch (RuntimeException unreadable) {
                return Set.of(); // the store cannot say: no host is allowed beyond the address rules (fail closed)
            }
        }, Duration.ofSeconds(CACHE_SECONDS).toNanos(), TimeUnit.NANOSECONDS);
    }

    private static AllowedHost parse(String host, String value) {
        int space = value.indexOf(' ');
        try {
            return new AllowedHost(host, Instant.parse(space < 0 ? value : value.substring(0, space)),
                    space < 0 ? "" : value.substring(space + 1));
        } catch (java.time.format.DateTimeParseException unreadable) {
            return new AllowedHost(host, Instant.EPOCH, "");
        }
    }
}
