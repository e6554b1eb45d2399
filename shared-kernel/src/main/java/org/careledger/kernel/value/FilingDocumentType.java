package org.careledger.kernel.value;

/**
 * Documents a filing carries, per 《托育机构登记和备案办法（试行）》 (national, 2019).
 */
public enum FilingDocumentType {
    /** 备案书 and 承诺书: the filing form and the pledge. */
    FILING_FORM_AND_PLEDGE,
    /** 营业执照 or 事业单位/社会组织法人证书. */
    BUSINESS_LICENCE,
    /** Proof of premises (ownership or lease). */
    PREMISES_PROOF,
    /** Staff qualification and health certificates. */
    STAFF_CERTIFICATES,
    /** 卫生评价报告: health evaluation report, must be rated 合格 (qualified). */
    HEALTH_EVALUATION_REPORT,
    /** Fire-safety proof. */
    FIRE_SAFETY_PROOF,
    /** 食品经营许可证: food licence, required where meals are served. */
    FOOD_LICENCE
}
