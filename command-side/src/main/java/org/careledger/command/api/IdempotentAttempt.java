package org.careledger.command.api;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One execution of a request that carries an {@code Idempotency-Key} (ADR 0008, ADR 0021), put on
 * the exchange by the idempotency filter. The commands the request sends are numbered in order;
 * each is stamped with the key, the attempt and its number, so that the command's transaction
 * records it together with its events. A retry after a crash carries what earlier attempts
 * committed: those commands are not sent again, their recorded results are used instead.
 *
 * @param callerId  the caller the key belongs to
 * @param key       the Idempotency-Key
 * @param attemptId this attempt; a command of an attempt that no longer owns the key is refused
 * @param committed results of commands an earlier attempt committed, by number
 */
public record IdempotentAttempt(String callerId, String key, String attemptId, Map<Integer, Committed> committed,
                                AtomicInteger sent) {

    public static final String ATTRIBUTE = IdempotentAttempt.class.getName();
    public static final String CALLER = "idempotency.caller";
    public static final String KEY = "idempotency.key";
    public static final String ATTEMPT = "idempotency.attempt";
    public static final String ORDINAL = "idempotency.ordinal";
    public static final String AGGREGATE = "idempotency.aggregate";
    public static final String ANSWERED = "idempotency.answered";

    public IdempotentAttempt(String callerId, String key, String attemptId, Map<Integer, Committed> committed) {
        this(callerId, key, attemptId, Map.copyOf(committed), new AtomicInteger());
    }

    /** The number of the next command this request sends (0, 1, ...). */
    int next() {
        return sent.getAndIncrement();
    }

    Optional<Committed> committed(int ordinal) {
        return Optional.ofNullable(committed.get(ordinal));
    }

    /**
     * What an earlier attempt's command left: the handler's result, and the ids the answer was
     * built from.
     */
    public record Committed(Object result, String aggregateId, String answeredId) {
    }
}
