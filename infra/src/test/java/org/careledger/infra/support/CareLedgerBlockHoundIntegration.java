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
 */
public class CareLedgerBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("java.util.UUID", "randomUUID");
        builder.allowBlockingCallsInside("com.fasterxml.jackson.databind.deser.DeserializerCache",
                "_createAndCacheValueDeserializer");
    }
}
