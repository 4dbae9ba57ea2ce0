package dev.sentinel.core.domain.activity;

import dev.sentinel.core.domain.ValidationException;
import java.util.List;

/** A page of a listing: {@code page} from 1; {@code perPage} one of 10, 25, 50 or 100 (default 25). */
public record PageRequest(int page, int perPage) {

    public static final List<Integer> PAGE_SIZES = List.of(10, 25, 50, 100);
    public static final int DEFAULT_PER_PAGE = 25;

    public PageRequest {
        if (page < 1) {
            throw ValidationException.of("page", "must be 1 or more (got " + page + ")");
        }
        if (!PAGE_SIZES.contains(perPage)) {
            throw ValidationException.of("per_page", "must be one of 10, 25, 50, 100 (got " + perPage + ")");
        }
    }

    public static PageRequest first() {
        return new PageRequest(1, DEFAULT_PER_PAGE);
    }

    public long offset() {
        return (long) (page - 1) * perPage;
    }
}
