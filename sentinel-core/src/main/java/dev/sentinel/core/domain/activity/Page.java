package dev.sentinel.core.domain.activity;

import java.util.List;

/** One page of results with the total count across all pages. */
public record Page<T>(List<T> items, int page, int perPage, long total) {

    public Page {
        items = List.copyOf(items);
    }

    public long totalPages() {
        return total == 0 ? 0 : (total + perPage - 1) / perPage;
    }
}
