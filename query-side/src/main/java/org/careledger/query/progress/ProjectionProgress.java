package org.careledger.query.progress;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Read-your-writes (API.md): waits until a projection's processor has handled a global position,
 * without blocking a thread. Progress is read from the shared token store, so it also holds when
 * another instance owns some of the processor's segments.
 */
@Component
public class ProjectionProgress {

    private static final Duration POLL = Duration.ofMillis(25);

    private final DatabaseClient db;
    private final ObjectMapper json;
    private final Duration timeout;

    public ProjectionProgress(DatabaseClient db, ObjectMapper json,
                              @Value("${careledger.read-your-writes.timeout:5s}") Duration timeout) {
        this.db = db;
        this.json = json;
        this.timeout = timeout;
    }

    /** Completes once the processor has passed {@code minPosition}; nothing to wait for when null. */
    public Mono<Void> await(String processor, Long minPosition) {
        if (minPosition == null) {
            return Mono.empty();
        }
        if (minPosition < 0) {
            return Mono.error(new DomainException(ErrorCode.INVALID_QUERY, "minPosition must not be negative"));
        }
        return hasProcessed(processor, minPosition)
                .filter(Boolean::booleanValue)
                .repeatWhenEmpty(attempts -> attempts.delayElements(POLL))
                .timeout(timeout, Mono.error(() -> new DomainException(ErrorCode.PROJECTION_NOT_CAUGHT_UP,
                        "The " + processor + " view has not reached position " + minPosition + " yet; retry shortly")))
                .then();
    }

    Mono<Boolean> hasProcessed(String processor, long position) {
        return tokens(processor)
                .collectList()
                .map(tokens -> !tokens.isEmpty() && tokens.stream().allMatch(t -> covers(t, position)));
    }

    /**
     * The highest position up to which the processor has handled every event, in all its segments
     * (below a gap it still waits for); -1 when it has stored no token yet. What a reader of the
     * processor's rows may treat as final, e.g. a change feed that must not skip a late row.
     */
    public Mono<Long> completeUpTo(String processor) {
        return tokens(processor)
                .map(this::completeUpTo)
                .reduce(Math::min)
                .defaultIfEmpty(-1L);
    }

    /** The processor's stored tokens, one per segment (empty bytes for a segment without one). */
    private reactor.core.publisher.Flux<byte[]> tokens(String processor) {
        return db.sql("SELECT token FROM token_entry WHERE processor_name = $1")
                .bind(0, processor)
                .map((row, meta) -> {
                    byte[] token = row.get("token", byte[].class);
                    return token == null ? new byte[0] : token;
                })
                .all();
    }

    long completeUpTo(byte[] token) {
        try {
            return token.length == 0 ? -1 : completeUpTo(json.readTree(token));
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    static long completeUpTo(JsonNode node) {
        if (node == null || node.isNull()) {
            return -1;
        }
        if (node.has("currentToken")) {
            return completeUpTo(node.get("currentToken"));
        }
        if (node.has("lowerSegmentToken") && node.has("upperSegmentToken")) {
            return Math.min(completeUpTo(node.get("lowerSegmentToken")), completeUpTo(node.get("upperSegmentToken")));
        }
        if (node.has("index")) {
            long complete = node.get("index").asLong();
            JsonNode gaps = node.get("gaps");
            if (gaps != null && gaps.isArray()) {
                for (JsonNode gap : gaps) {
                    complete = Math.min(complete, gap.asLong() - 1);
                }
            }
            return complete;
        }
        return node.has("globalIndex") ? node.get("globalIndex").asLong() : -1;
    }

    /** Whether a serialised tracking token has handled everything up to and including position. */
    boolean covers(byte[] token, long position) {
        if (token.length == 0) {
            return false;
        }
        try {
            return covers(json.readTree(token), position);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    static boolean covers(JsonNode node, long position) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (node.has("currentToken")) {
            // a replay in progress: what counts is how far the replay got
            return covers(node.get("currentToken"), position);
        }
        if (node.has("lowerSegmentToken") && node.has("upperSegmentToken")) {
            return covers(node.get("lowerSegmentToken"), position) && covers(node.get("upperSegmentToken"), position);
        }
        if (node.has("index")) {
            long index = node.get("index").asLong();
            if (index < position) {
                return false;
            }
            JsonNode gaps = node.get("gaps");
            if (gaps != null && gaps.isArray()) {
                for (JsonNode gap : gaps) {
                    if (gap.asLong() == position) {
                        return false;
                    }
                }
            }
            return true;
        }
        if (node.has("globalIndex")) {
            return node.get("globalIndex").asLong() >= position;
        }
        return false;
    }

}
