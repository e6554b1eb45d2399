package org.careledger.infra.support;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * BlockHound allowances for calls that block only in theory: {@code UUID.randomUUID} reads
 * {@code /dev/urandom} through SecureRandom once its pool needs seeding (STACK-NOTES).
 */
public class CareLedgerBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("java.util.UUID", "randomUUID");
    }
}
