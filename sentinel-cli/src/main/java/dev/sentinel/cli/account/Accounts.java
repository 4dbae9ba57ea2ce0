package dev.sentinel.cli.account;

import dev.sentinel.cli.options.Store;
import dev.sentinel.cli.options.StoreOptions;
import dev.sentinel.core.application.access.MembershipService;
import dev.sentinel.core.domain.access.Account;
import dev.sentinel.core.domain.access.AccountNotFoundException;
import dev.sentinel.core.domain.access.Email;
import dev.sentinel.core.domain.access.Membership;
import dev.sentinel.core.wire.Timestamps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** What the account commands share: finding an account by email, and its JSON (the management API's field names). */
final class Accounts {

    private Accounts() {
    }

    static Account byEmail(Store store, String email) {
        Email checked = Email.of(email);
        return store.accounts().findByEmail(checked).orElseThrow(() -> new AccountNotFoundException(checked.value()));
    }

    /**
     * Opens the store, finds the account by email (failing when there is none) and applies {@code change} to it before
     * the store closes; the account as it was found.
     */
    static Account change(StoreOptions options, String email, BiConsumer<Store, Account> change) {
        try (Store store = Store.open(options)) {
            Account account = byEmail(store, email);
            change.accept(store, account);
            return account;
        }
    }

    static Map<String, Object> json(Account account, List<Membership> memberships) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", account.id().value());
        fields.put("email", account.email().value());
        fields.put("display_name", account.displayName());
        fields.put("owner", account.owner());
        fields.put("projects", memberships.stream().map(membership -> {
            Map<String, Object> role = new LinkedHashMap<>();
            role.put("project", membership.project().value());
            role.put("role", membership.role().code());
            return role;
        }).toList());
        fields.put("password", account.passwordHash().isPresent());
        fields.put("totp", account.totp().map(totp -> totp.isConfirmed()).orElse(false));
        fields.put("created_at", Timestamps.format(account.createdAt()));
        fields.put("disabled_at", Timestamps.formatOrNull(account.disabledAt()));
        return fields;
    }

    /** The roles of an account in words: {@code owner}, or {@code admin:alpha viewer:beta}, or {@code none}. */
    static String roles(Account account, List<Membership> memberships) {
        if (account.owner()) {
            return "owner";
        }
        if (memberships.isEmpty()) {
            return "none";
        }
        return String.join(" ", memberships.stream().map(membership -> membership.role().code() + ":"
                + membership.project()).toList());
    }

    static List<Membership> memberships(MembershipService service, Account account) {
        return service.of(account.email());
    }
}
