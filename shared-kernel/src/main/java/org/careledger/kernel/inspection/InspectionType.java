package org.careledger.kernel.inspection;

/** Kinds of inspection: comprehensive patrol (综合巡查), random spot check (双随机抽查), joint inspection (联合检查). */
public enum InspectionType { COMPREHENSIVE_PATROL, RANDOM_SPOT_CHECK, JOINT }
