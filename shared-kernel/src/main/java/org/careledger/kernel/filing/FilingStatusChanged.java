package org.careledger.kernel.filing;

import org.careledger.kernel.value.FilingStatus;

/**
 * A decision that moves a filed institution to another status, with its reason: suspension,
 * reinstatement, revocation or deregistration. Each side maps these events in one handler, from
 * {@link #filingStatus()}. Not an event type of its own: the events keep their names, JSON and
 * revisions.
 */
public sealed interface FilingStatusChanged extends InstitutionEvent
        permits FilingSuspended, FilingReinstated, FilingRevoked, InstitutionDeregistered {

    String reason();

    /** The institution's filing status after this event (docs/domain.md rule F1). */
    default FilingStatus filingStatus() {
        if (this instanceof FilingSuspended) {
            return FilingStatus.SUSPENDED;
        }
        if (this instanceof FilingReinstated) {
            return FilingStatus.FILED;
        }
        if (this instanceof FilingRevoked) {
            return FilingStatus.REVOKED;
        }
        if (this instanceof InstitutionDeregistered) {
            return FilingStatus.DEREGISTERED;
        }
        throw new IllegalStateException("No filing status for " + getClass().getName());
    }
}
