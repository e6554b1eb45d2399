package org.careledger.kernel.inspection;

/** What a finding is about. */
public enum FindingCategory { FIRE_SAFETY, FOOD_SAFETY, DISEASE_CONTROL, PREMISES, STAFFING, RECORDS }
