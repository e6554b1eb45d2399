package org.careledger.kernel.subsidy;

/** Kinds of subsidy found in the source policies (docs/domain.md, rules S7–S9). */
public enum SubsidyKind {
    /** 建设补助: per approved place, once, after acceptance (the filing's approval). */
    CONSTRUCTION,
    /** 运营补助: per enrolled child and year by class type, prorated by the months that count. */
    OPERATING,
    /** 示范奖补: one-off award for a designated demonstration institution. */
    DEMONSTRATION,
    /** 激励性奖补: for actual utilisation at or above a threshold. */
    UTILISATION_INCENTIVE,
    /** 激励性奖补: for chains of several filed institutions in the city. */
    CHAIN_INCENTIVE,
    /** 租金减免: by floor area, places and months of lease. */
    RENT_REDUCTION
}
