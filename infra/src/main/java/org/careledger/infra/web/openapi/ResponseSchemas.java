package org.careledger.infra.web.openapi;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import org.careledger.kernel.id.FilingNumber;
import org.careledger.kernel.licence.FilingCertificate;
import org.careledger.kernel.value.CreditCode;
import org.careledger.kernel.value.DivisionCode;

/**
 * The answers whose generated schema says less than the server writes: the history line's
 * payload and metadata are JSON objects written raw (not strings), the certificate's fields have
 * the kernel's shapes and its status is one of three.
 */
final class ResponseSchemas {

    private ResponseSchemas() {
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static void apply(Map<String, Schema> schemas) {
        Schema history = schemas.get("HistoryLine");
        if (history != null) {
            Map<String, Schema> p = history.getProperties();
            p.put("payload", new ObjectSchema().description("The event's payload as stored (docs/events.md)"));
            p.put("metaData", new ObjectSchema().description("The event's metadata: correlation and causation ids, "
                    + "actor, role, jurisdiction, institution id"));
            history.setRequired(List.of("position", "eventId", "type", "aggregateType", "aggregateId", "sequence",
                    "recordedAt", "payload", "metaData"));
        }
        Schema content = schemas.get("CertificateContent");
        if (content != null) {
            Map<String, Schema> p = content.getProperties();
            p.get("certificateNumber").pattern(FilingCertificate.NUMBER_PATTERN);
            p.get("filingNumber").pattern(FilingNumber.PATTERN);
            p.get("creditCode").pattern(CreditCode.PATTERN);
            p.get("issuerCreditCode").pattern(CreditCode.PATTERN);
            p.get("division").pattern(DivisionCode.PATTERN);
            p.get("issuedAt").format("date-time");
            content.setRequired(List.of("certificateNumber", "filingNumber", "institutionName", "creditCode", "division",
                    "issuerCreditCode", "issuedAt"));
        }
        Schema answer = schemas.get("CertificateAnswer");
        if (answer != null) {
            Map<String, Schema> p = answer.getProperties();
            p.get("status").setEnum(new java.util.ArrayList<>(List.of("VALID", "SUSPENDED", "REVOKED")));
            p.get("format").setEnum(new java.util.ArrayList<>(List.of(FilingCertificate.FORMAT)));
            answer.setRequired(List.of("certificate", "format", "algorithm", "keyId", "signature", "status"));
        }
    }
}
