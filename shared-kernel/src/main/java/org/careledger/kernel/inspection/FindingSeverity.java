package org.careledger.kernel.inspection;

/** How serious a finding is. */
public enum FindingSeverity { MINOR, MAJOR, SERIOUS }
