package dev.sentinel.cli.options;

import dev.sentinel.core.domain.AccessLevel;
import dev.sentinel.core.domain.Coded;
import dev.sentinel.core.domain.UsageType;
import dev.sentinel.core.domain.activity.ActivityType;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/** The values shell completion offers for options that take one of a few words. */
public final class Candidates {

    private Candidates() {
    }

    private static Iterator<String> codes(Coded[] values) {
        return Arrays.stream(values).map(Coded::code).iterator();
    }

    public static final class AccessLevels implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return codes(AccessLevel.values());
        }
    }

    public static final class UsageTypes implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return codes(UsageType.values());
        }
    }

    public static final class ActivityTypes implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return codes(ActivityType.values());
        }
    }

    public static final class Statuses implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("success", "failed").iterator();
        }
    }

    public static final class UsageRanges implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("24h", "7d", "30d").iterator();
        }
    }

    public static final class ExportFormats implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("json", "csv", "jsonl").iterator();
        }
    }

    public static final class Hashers implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("sha256", "argon2id").iterator();
        }
    }

    public static final class SigningAlgorithms implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("ES256", "EdDSA", "RS256").iterator();
        }
    }

    /** The roles of a person's account. */
    public static final class AccountRoles implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("owner", "admin", "viewer").iterator();
        }
    }

    /** The roles of an access key. */
    public static final class AccessKeyRoles implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(dev.sentinel.core.domain.access.Role.values()).map(dev.sentinel.core.domain.access.Role::code).iterator();
        }
    }
}
