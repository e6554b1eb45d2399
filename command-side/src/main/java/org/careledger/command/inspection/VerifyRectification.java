package org.careledger.command.inspection;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The follow-up of a rectification order: rectified, or not (then with a new deadline).
 */
public record VerifyRectification(@TargetAggregateIdentifier String inspectionId, String orderId, boolean rectified,
                                  LocalDate verifiedOn, LocalDate newDeadline, String note) {
}
