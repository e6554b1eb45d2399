package org.careledger.kernel.staff;

/** Staff roles that the rules count: carers (保育人员) for ratios, health staff (保健人员), the director. */
public enum StaffRole { CARER, HEALTH_STAFF, DIRECTOR }
