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
    FilingStatus filingStatus();
}
