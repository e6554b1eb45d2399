package org.careledger.query.inspector;

/**
 * The history stream's query string, bound by name (all optional): the position to continue
 * after, how many lines at most, which event types, the period and which of the two times it is
 * of, and the position the index must have caught up with. Checked by {@link InspectorController}.
 */
public record HistoryQuery(Long after, Integer limit, String types, String from, String to, String time,
                           Long minPosition) {
}
