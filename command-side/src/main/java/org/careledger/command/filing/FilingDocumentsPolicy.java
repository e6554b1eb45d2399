package org.careledger.command.filing;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.error.FieldViolation;
import org.careledger.kernel.value.FilingDocument;
import org.careledger.kernel.value.FilingDocumentType;

/**
 * Documents a filing must carry, per 《托育机构登记和备案办法（试行）》 (National Health Commission,
 * 2019; national): the filing form and pledge, business licence or legal-person certificate, proof
 * of premises, staff qualification and health certificates, a health evaluation report rated 合格
 * (qualified), fire-safety proof, and a food licence where meals are served.
 */
final class FilingDocumentsPolicy {

    private static final Set<FilingDocumentType> ALWAYS = EnumSet.of(
            FilingDocumentType.FILING_FORM_AND_PLEDGE, FilingDocumentType.BUSINESS_LICENCE,
            FilingDocumentType.PREMISES_PROOF, FilingDocumentType.STAFF_CERTIFICATES,
            FilingDocumentType.HEALTH_EVALUATION_REPORT, FilingDocumentType.FIRE_SAFETY_PROOF);

    private FilingDocumentsPolicy() {
    }

    static Set<FilingDocumentType> required(boolean mealsServed) {
        Set<FilingDocumentType> required = EnumSet.copyOf(ALWAYS);
        if (mealsServed) {
            required.add(FilingDocumentType.FOOD_LICENCE);
        }
        return required;
    }

    static void requiredFilingDocumentsPresent(List<FilingDocument> documents, boolean mealsServed) {
        Set<FilingDocumentType> present = EnumSet.noneOf(FilingDocumentType.class);
        documents.stream().filter(d -> d.reference() != null && !d.reference().isBlank())
                .forEach(d -> present.add(d.type()));
        List<FieldViolation> missing = new ArrayList<>();
        for (FilingDocumentType type : required(mealsServed)) {
            if (!present.contains(type)) {
                missing.add(new FieldViolation("documents", "MISSING_" + type.name(), type.name() + " is required"
                        + (type == FilingDocumentType.FOOD_LICENCE ? " where meals are served" : "")));
            }
        }
        if (!missing.isEmpty()) {
            throw new DomainException(ErrorCode.FILING_DOCUMENTS_MISSING,
                    "The filing lacks " + missing.size() + " required document(s)", missing);
        }
    }

    static void healthEvaluationRatedQualified(List<FilingDocument> documents) {
        boolean qualified = documents.stream()
                .filter(d -> d.type() == FilingDocumentType.HEALTH_EVALUATION_REPORT)
                .anyMatch(d -> Boolean.TRUE.equals(d.qualified()));
        if (!qualified) {
            throw new DomainException(ErrorCode.HEALTH_EVALUATION_NOT_QUALIFIED,
                    "The health evaluation report must be rated 合格 (qualified)");
        }
    }
}
