package org.careledger.kernel.value;

/**
 * Class types (班型) of 《托育机构设置标准（试行）》 (national standard, 2019). The age bands, size
 * limits and staff ratios that go with them are in {@link org.careledger.kernel.standard.ClassStandard}.
 */
public enum ClassType {
    /** 乳儿班: 6-12 months. */
    INFANT("乳儿班"),
    /** 托小班: 12-24 months. */
    YOUNG_TODDLER("托小班"),
    /** 托大班: 24-36 months. */
    OLDER_TODDLER("托大班"),
    /** 混合班: children over 18 months in one class. */
    MIXED("混合班");

    private final String label;

    ClassType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
