package org.careledger.kernel.standard;

/**
 * What the national rules for family care points (家庭托育点, 2023) set, whatever the point's classes:
 * at most {@value #MAXIMUM_CHILDREN} children in all, and one carer for at most
 * {@value #CHILDREN_PER_CARER} of them.
 */
public final class FamilyCarePointStandard {

    /** Where the numbers come from. */
    public static final String SOURCE = "national rules for family care points (家庭托育点), 2023";

    public static final int MAXIMUM_CHILDREN = 5;

    public static final int CHILDREN_PER_CARER = 3;

    private FamilyCarePointStandard() {
    }
}
