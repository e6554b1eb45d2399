package org.careledger.command.filing;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.value.ClassType;

/**
 * Class sizes of 《托育机构设置标准（试行）》 (National Health Commission, 2019; national standard):
 * 乳儿班 (6-12 months) at most 10 children, 托小班 (12-24 months) at most 15, 托大班 (24-36 months)
 * at most 20, and a mixed class of children over 18 months at most 18.
 */
final class ClassSizePolicy {

    private ClassSizePolicy() {
    }

    static int maximumPlaces(ClassType type) {
        return switch (type) {
            case INFANT -> 10;
            case YOUNG_TODDLER -> 15;
            case OLDER_TODDLER -> 20;
            case MIXED -> 18;
        };
    }

    /** A class has at least one place and no more than the national standard allows for its type. */
    static void classSizeWithinNationalStandard(ClassType type, int places) {
        if (places < 1) {
            throw new DomainException(ErrorCode.INVALID_INPUT, "A class has at least one place");
        }
        if (places > maximumPlaces(type)) {
            throw new DomainException(ErrorCode.CLASS_CAPACITY_EXCEEDS_STANDARD,
                    "A " + type.label() + " (" + type + ") takes at most " + maximumPlaces(type)
                            + " children under the national standard; " + places + " requested");
        }
    }
}
