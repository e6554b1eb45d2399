package org.careledger.infra.web;

import java.time.Duration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.careledger.command.api.IdempotentAttempt;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes a keyed command's record in the same transaction as its events (ADR 0021): either both
 * are committed or neither is. Before the commit it also checks that the attempt still owns its
 * Idempotency-Key; a command of an attempt a retry has taken over is refused and rolled back, so
 * a command never takes effect twice under one key.
 */
public record IdempotentCommandInterceptor(JdbcTemplate jdbc, ObjectMapper json, Duration lease)
        implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain) throws Exception {
        MetaData meta = unitOfWork.getMessage().getMetaData();
        Object attempt = meta.get(IdempotentAttempt.ATTEMPT);
        if (attempt == null) {
            return interceptorChain.proceed();
        }
        Object result = interceptorChain.proceed();
        // registered after the handler, so it runs after the events were appended, in their transaction
        unitOfWork.onPrepareCommit(u -> record(meta, attempt.toString(), result));
        return result;
    }

    private void record(MetaData meta, String attempt, Object result) {
        String caller = (String) meta.get(IdempotentAttempt.CALLER);
        String key = (String) meta.get(IdempotentAttempt.KEY);
        int owned = jdbc.update("UPDATE idempotent_request SET lease_until = greatest(lease_until, now() + make_interval(secs => ?)) "
                        + "WHERE caller_id = ? AND idempotency_key = ? AND attempt_id = ? AND status IS NULL",
                (double) lease.toSeconds(), caller, key, attempt);
        if (owned != 1) {
            throw new DomainException(ErrorCode.CONCURRENT_MODIFICATION,
                    "A retry with this Idempotency-Key took over this request; its commands were not applied");
        }
        String type = result == null ? null : result.getClass().getName();
        String body;
        try {
            body = result == null ? null : json.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot record the result of a keyed command", e);
        }
        jdbc.update("INSERT INTO idempotent_command (caller_id, idempotency_key, ordinal, aggregate_id, answered_id, "
                        + "result_type, result_json) VALUES (?, ?, ?, ?, ?, ?, ?)",
                caller, key, ((Number) meta.get(IdempotentAttempt.ORDINAL)).intValue(),
                meta.get(IdempotentAttempt.AGGREGATE), meta.get(IdempotentAttempt.ANSWERED), type, body);
    }
}
