package org.careledger.query.api;

import java.util.List;

/** A page of results: {@code page} is 0-based, {@code total} counts all matches. */
public record Page<T>(List<T> items, int page, int size, long total) {
}
