package org.careledger.query.subsidy;

/**
 * The subsidy ledger's query string, bound by name (all optional): an institution, a division
 * within the caller's jurisdiction, a subsidy kind, the period's first and last day, the page, and
 * the position the answer must have caught up with. Checked by {@link SubsidyLedgerController}.
 */
public record LedgerQuery(String institutionId, String division, String kind, String from, String to, Integer page,
                          Integer size, Long minPosition) {
}
