package org.careledger.command.filing;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.value.InstitutionType;

/**
 * A family care point (家庭托育点) looks after at most 5 children in all (national rules for family
 * care points, 2023), whatever its classes.
 */
final class FamilyCarePointPolicy {

    static final int MAXIMUM_CHILDREN = 5;

    private FamilyCarePointPolicy() {
    }

    static void familyCarePointTakesAtMostFiveChildren(InstitutionType type, int totalPlaces) {
        if (type == InstitutionType.FAMILY_CARE_POINT && totalPlaces > MAXIMUM_CHILDREN) {
            throw new DomainException(ErrorCode.FAMILY_CARE_POINT_CAPACITY_EXCEEDED,
                    "A family care point may look after at most " + MAXIMUM_CHILDREN + " children; its classes would take "
                            + totalPlaces);
        }
    }
}
