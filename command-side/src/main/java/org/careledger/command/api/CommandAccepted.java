package org.careledger.command.api;

/**
 * The answer to an accepted command: the id of what it created or changed, and the global
 * position of the last event written, to hand to query APIs as {@code minPosition}.
 */
public record CommandAccepted(String id, long position) {
}
