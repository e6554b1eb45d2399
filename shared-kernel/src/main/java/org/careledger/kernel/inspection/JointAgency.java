package org.careledger.kernel.inspection;

/** Agencies a joint inspection is made with. */
public enum JointAgency { PUBLIC_SECURITY, MARKET_REGULATION, EMERGENCY_MANAGEMENT, FIRE_SERVICES }
