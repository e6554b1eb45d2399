package org.careledger.command.filing;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.error.FieldViolation;
import org.careledger.kernel.licence.LicenceStatus;
import org.careledger.kernel.rule.Rule;
import org.careledger.kernel.stereotype.BusinessRule;
import org.careledger.kernel.value.FilingDocument;
import org.careledger.kernel.value.FilingDocumentType;

/**
 * What a filing must carry and when it may be approved (docs/domain.md, rules F3 and F5). The
 * lifecycle of a filing (F1) is {@link FilingLifecycleRules}; rule F4 (a credit code failing its
 * checksum is accepted and marked for licence verification) refuses nothing and lives where the
 * filing is submitted ({@link Institution}).
 */
@BusinessRule
final class FilingRules {

    private static final String FILING_RULES = "《托育机构登记和备案办法（试行）》 (National Health Commission, 2019)";
    private static final String LICENCE = FILING_RULES + "; ADR 0010";

    private static final Set<FilingDocumentType> ALWAYS = EnumSet.of(
            FilingDocumentType.FILING_FORM_AND_PLEDGE, FilingDocumentType.BUSINESS_LICENCE,
            FilingDocumentType.PREMISES_PROOF, FilingDocumentType.STAFF_CERTIFICATES,
            FilingDocumentType.HEALTH_EVALUATION_REPORT, FilingDocumentType.FIRE_SAFETY_PROOF);

    /** The documents of a filing, and whether the institution serves meals. */
    record Documents(List<FilingDocument> documents, boolean mealsServed) {
    }

    /**
     * F3: the filing form and pledge, business licence or legal-person certificate, proof of
     * premises, staff qualification and health certificates, a health evaluation report, fire-safety
     * proof, and a food licence where meals are served.
     */
    static final Rule<Documents> REQUIRED_DOCUMENTS_PRESENT = d -> {
        Set<FilingDocumentType> present = EnumSet.noneOf(FilingDocumentType.class);
        d.documents().stream().filter(doc -> doc.reference() != null && !doc.reference().isBlank())
                .forEach(doc -> present.add(doc.type()));
        List<FieldViolation> missing = new ArrayList<>();
        for (FilingDocumentType type : required(d.mealsServed())) {
            if (!present.contains(type)) {
                missing.add(new FieldViolation("documents", "MISSING_" + type.name(), type.name() + " is required"
                        + (type == FilingDocumentType.FOOD_LICENCE ? " where meals are served" : "")));
            }
        }
        return missing.isEmpty() ? Rule.holds() : Rule.refuse(ErrorCode.FILING_DOCUMENTS_MISSING, FILING_RULES,
                "The filing lacks " + missing.size() + " required document(s)", missing);
    };

    /** F3: the health evaluation report is rated 合格 (qualified). */
    static final Rule<List<FilingDocument>> HEALTH_EVALUATION_RATED_QUALIFIED = documents -> documents.stream()
            .filter(d -> d.type() == FilingDocumentType.HEALTH_EVALUATION_REPORT)
            .anyMatch(d -> Boolean.TRUE.equals(d.qualified()))
            ? Rule.holds()
            : Rule.refuse(ErrorCode.HEALTH_EVALUATION_NOT_QUALIFIED, FILING_RULES,
                    "The health evaluation report must be rated 合格 (qualified)");

    /** F3 as a whole: the documents a filing or an amendment carries. */
    static final Rule<Documents> DOCUMENTS_COMPLETE = d -> REQUIRED_DOCUMENTS_PRESENT.check(d)
            .or(() -> HEALTH_EVALUATION_RATED_QUALIFIED.check(d.documents()));

    /**
     * F5: a filing is approved only once the business licence has been verified with the e-license
     * platform (registration happens outside this system), or an inspector has overridden the check
     * with a written reason. Pending answers 503 with Retry-After at the edge.
     */
    static final Rule<LicenceStatus> LICENCE_VERIFIED_BEFORE_APPROVAL = status -> {
        if (status == LicenceStatus.VERIFIED || status == LicenceStatus.OVERRIDDEN) {
            return Rule.holds();
        }
        if (status == LicenceStatus.FAILED) {
            return Rule.refuse(ErrorCode.LICENCE_NOT_VERIFIED, LICENCE,
                    "The e-license platform did not confirm the business licence; an inspector may override with a reason");
        }
        return Rule.refuse(ErrorCode.LICENCE_VERIFICATION_PENDING, LICENCE,
                "The business licence is still being verified with the e-license platform; retry shortly");
    };

    /** F5: an override is for a licence not (yet) verified. */
    static final Rule<LicenceStatus> OVERRIDE_ONLY_WHEN_NOT_VERIFIED = status ->
            status == LicenceStatus.VERIFIED || status == LicenceStatus.OVERRIDDEN
                    ? Rule.refuse(ErrorCode.LICENCE_OVERRIDE_NOT_NEEDED, LICENCE, "The licence is already " + status)
                    : Rule.holds();

    private FilingRules() {
    }

    static Set<FilingDocumentType> required(boolean mealsServed) {
        Set<FilingDocumentType> required = EnumSet.copyOf(ALWAYS);
        if (mealsServed) {
            required.add(FilingDocumentType.FOOD_LICENCE);
        }
        return required;
    }
}
