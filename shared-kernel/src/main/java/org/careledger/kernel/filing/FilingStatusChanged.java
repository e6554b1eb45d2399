package org.careledger.kernel.filing;

import java.util.Map;

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

    /** The filing status each of these events leads to (docs/domain.md rule F1): one entry per permitted type. */
    Map<Class<? extends FilingStatusChanged>, FilingStatus> STATUS_AFTER = Map.of(
            FilingSuspended.class, FilingStatus.SUSPENDED,
            FilingReinstated.class, FilingStatus.FILED,
            FilingRevoked.class, FilingStatus.REVOKED,
            InstitutionDeregistered.class, FilingStatus.DEREGISTERED);

    /** The institution's filing status after this event. */
    default FilingStatus filingStatus() {
        return STATUS_AFTER.get(getClass());
    }
}
