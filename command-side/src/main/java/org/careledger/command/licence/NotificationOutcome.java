package org.careledger.command.licence;

/**
 * What {@link RecordLicenceStatusChange} gives back: whether the notification had been recorded
 * before (same platform and notification id), in which case nothing was appended.
 */
public record NotificationOutcome(boolean duplicate) {
}
