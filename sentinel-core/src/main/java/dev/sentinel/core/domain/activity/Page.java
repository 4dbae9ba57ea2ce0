package dev.sentinel.core.domain.activity;

import java.util.List;

/**
 * One page of results with the total count across all pages. {@code totalIsEstimate} is true when counting exactly
 * would have meant reading too much (e.g. an endpoint substring over millions of events): {@code total} is then an
 * estimate, never less than the items up to and including this page.
 */
public record Page<T>(List<T> items, int page, int perPage, long total, boolean totalIsEstimate) {

    public Page {
        items = List.copyOf(items);
    }

    /** A page with an exact total. */
    public Page(List<T> items, int page, int perPage, long total) {
        this(items, page, perPage, total, false);
    }

    public long totalPages() {
        return total == 0 ? 0 : (total + perPage - 1) / perPage;
    }
}
