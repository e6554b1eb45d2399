package org.careledger.query.api;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.error.Violations;

/** Validated {@code page} (0-based) and {@code size} (1..100) query parameters. */
public record Paging(int page, int size) {

    public static final int MAX_SIZE = 100;
    public static final int DEFAULT_SIZE = 20;

    public static Paging of(Integer page, Integer size) {
        Violations v = new Violations();
        int p = page == null ? 0 : page;
        int s = size == null ? DEFAULT_SIZE : size;
        if (p < 0 || p > 100_000) {
            v.add("page", "OUT_OF_RANGE", "page must be between 0 and 100000");
        }
        if (s < 1 || s > MAX_SIZE) {
            v.add("size", "OUT_OF_RANGE", "size must be between 1 and " + MAX_SIZE);
        }
        if (!v.isEmpty()) {
            throw new DomainException(ErrorCode.INVALID_QUERY, "Invalid paging parameters", v.list());
        }
        return new Paging(p, s);
    }

    public long offset() {
        return (long) page * size;
    }
}
