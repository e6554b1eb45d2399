package org.careledger.infra.support;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * BlockHound allowances for calls that block only in theory: {@code UUID.randomUUID} reads
 * {@code /dev/urandom} through SecureRandom once its pool needs seeding (STACK-NOTES); Jackson
 * takes a short lock while it builds a type's deserializer the first time, and a request thread
 * may wait on it while a processor thread builds one. That wait is CPU work, not I/O; and
 * BlockHound's error thrown from inside the lock's queue most probably left the lock unusable for every later
 * thread (seen once on a clean-clone run: all processors stalled, 17 tests answered 503).
 * The MongoDB driver guards its connection pool and its streams' read state with short locks
 * ({@code com.mongodb.internal.Locks}) and is called from any thread, Reactor's and Netty's
 * included; when BlockHound threw inside a contended one (a search's read on an R2DBC event loop
 * against the white-list processor's write), the pool's lock never recovered and the processor
 * waited on it until Axon interrupted it (seen in a full verify: every white-list query 503).
 */
public class CareLedgerBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("java.util.UUID", "randomUUID");
        builder.allowBlockingCallsInside("com.fasterxml.jackson.databind.deser.DeserializerCache",
                "_createAndCacheValueDeserializer");
        for (String method : new String[] {"checkedWithLock", "checkedWithInterruptibleLock", "lockInterruptibly"}) {
            builder.allowBlockingCallsInside("com.mongodb.internal.Locks", method);
        }
    }
}
