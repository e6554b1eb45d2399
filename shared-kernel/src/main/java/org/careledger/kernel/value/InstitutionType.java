package org.careledger.kernel.value;

/** Kinds of childcare provider that file with the health commission. */
public enum InstitutionType {
    /** 托育中心 / 托育机构: a dedicated childcare centre. */
    CHILDCARE_CENTRE("托育机构"),
    /** 幼儿园托班: a kindergarten running nursery classes for 2-3 year olds. */
    KINDERGARTEN_NURSERY("幼儿园托班"),
    /** 用人单位办托: an employer's on-site childcare. */
    EMPLOYER_SPONSORED("用人单位办托"),
    /** 社区托育: community-embedded childcare. */
    COMMUNITY("社区托育"),
    /** 家庭托育点: a family care point, at most 5 children. */
    FAMILY_CARE_POINT("家庭托育点");

    private final String label;

    InstitutionType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
