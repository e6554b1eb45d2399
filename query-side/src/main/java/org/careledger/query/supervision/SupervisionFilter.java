package org.careledger.query.supervision;

/**
 * The supervision list's query string, bound by name (all optional): a filing status, an
 * institution type, a division within the caller's jurisdiction, the page, and the position the
 * answer must have caught up with. Checked by {@link SupervisionController}.
 */
public record SupervisionFilter(String status, String type, String division, Integer page, Integer size,
                                Long minPosition) {
}
