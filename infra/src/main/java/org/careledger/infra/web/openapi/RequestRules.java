package org.careledger.infra.web.openapi;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.swagger.v3.core.util.AnnotationsUtils;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import org.careledger.kernel.attendance.AbsenceReason;
import org.careledger.kernel.child.CitizenId;
import org.careledger.kernel.child.HealthCheckKind;
import org.careledger.kernel.child.HealthOutcome;
import org.careledger.kernel.child.PersonalDataPurpose;
import org.careledger.kernel.id.FilingNumber;
import org.careledger.kernel.id.Identifiers;
import org.careledger.kernel.inspection.FindingCategory;
import org.careledger.kernel.inspection.FindingSeverity;
import org.careledger.kernel.inspection.InspectionType;
import org.careledger.kernel.inspection.JointAgency;
import org.careledger.kernel.licence.FilingCertificate;
import org.careledger.kernel.licence.LicenceChange;
import org.careledger.kernel.staff.StaffRole;
import org.careledger.kernel.subsidy.SubsidyKind;
import org.careledger.kernel.value.ClassType;
import org.careledger.kernel.value.CreditCode;
import org.careledger.kernel.value.DivisionCode;
import org.careledger.kernel.value.FeeUnit;
import org.careledger.kernel.value.FilingDocumentType;
import org.careledger.kernel.value.GeoPoint;
import org.careledger.kernel.value.InputRules;
import org.careledger.kernel.value.InstitutionType;
import org.careledger.kernel.value.ServiceType;

/**
 * The request side of the contract, taken from the server's own rules rather than retyped: the
 * lengths, ranges, list sizes and date windows of {@link InputRules} (docs/input-rules.md), the
 * shapes of the kernel's identifiers and codes ({@link CreditCode#PATTERN},
 * {@link DivisionCode#PATTERN}, {@link CitizenId#PATTERN}, {@link FilingCertificate#NUMBER_PATTERN},
 * {@link FilingNumber#PATTERN}, {@link Identifiers#UUID_PATTERN}), the kernel's enumerations, and
 * which fields the request parsers (command-side {@code RequestParsing} and the controllers)
 * refuse as {@code REQUIRED} when missing.
 *
 * <p>Rules are keyed by property name, so a new request body with the usual field names is
 * constrained without an entry here; {@code Schema.property} keys override a name where one
 * field means something else in one body. ApiContractTest fails when a request property is left
 * without a bound.
 */
final class RequestRules {

    /** The longest query parameter value the server reads (QueryTextFilter). */
    static final int MAX_QUERY_VALUE = org.careledger.infra.web.QueryTextFilter.MAX_VALUE;
    /** An ISO local time as {@code java.time.LocalTime.parse} reads it (HH:MM, optionally :SS and a fraction). */
    static final String LOCAL_TIME_PATTERN = "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,9})?)?$";
    /** YYYY-MM-DD, the only date form the server reads ({@link InputRules#isoDate}). */
    static final int DATE_LENGTH = "YYYY-MM-DD".length();
    private static final int UUID_LENGTH = 36;

    /** The fields each request body's parser refuses as REQUIRED when they are missing or blank. */
    static final Map<String, List<String>> REQUIRED = Map.ofEntries(
            Map.entry("FileInstitutionBody", List.of("creditCode", "name", "type", "division", "address", "location",
                    "mealsServed", "serviceTypes", "classes", "documents")),
            Map.entry("AmendFilingBody", List.of("name", "address", "location", "mealsServed", "serviceTypes", "documents")),
            Map.entry("LocationBody", List.of("latitude", "longitude")),
            Map.entry("ClassBody", List.of("name", "classType", "places")),
            Map.entry("OpenClassBody", List.of("name", "classType", "places")),
            Map.entry("ResizeClassBody", List.of("places")),
            Map.entry("FeeBody", List.of("item", "amountFen", "unit")),
            Map.entry("DocumentBody", List.of("type", "reference")),
            Map.entry("RequiredReasonBody", List.of("reason")),
            Map.entry("RejectBody", List.of("reasons")),
            Map.entry("PuhuiBody", List.of("granted", "effectiveFrom")),
            Map.entry("EnrolBody", List.of("childRef", "classId", "contract")),
            Map.entry("ContractBody", List.of("serviceType", "startsOn", "endsOn", "fees", "refundStandard",
                    "disputeResolution", "prepaidMonths")),
            Map.entry("WithdrawBody", List.of("endsOn")),
            Map.entry("TransferBody", List.of("toClassId", "effectiveOn")),
            Map.entry("AttendanceBody", List.of("day", "entries")),
            Map.entry("AttendanceEntryBody", List.of("childRef")),
            Map.entry("StaffBody", List.of("role", "qualification", "qualificationExpiresOn", "healthCertificateExpiresOn",
                    "name")),
            Map.entry("CertificatesBody", List.of("qualificationExpiresOn", "healthCertificateExpiresOn")),
            Map.entry("DepartureBody", List.of("leftOn")),
            Map.entry("MedicalAgreementBody", List.of("partnerName", "signedOn")),
            Map.entry("RegisterChildBody", List.of("name", "citizenId", "birthDate", "guardianName", "guardianPhone")),
            Map.entry("EraseBody", List.of("reason")),
            Map.entry("OverrideBody", List.of("reason")),
            Map.entry("HealthCheckBody", List.of("kind", "checkedOn", "outcome")),
            Map.entry("InspectionBody", List.of("institutionId", "type", "inspectedOn")),
            Map.entry("FindingBody", List.of("category", "severity", "description")),
            Map.entry("OrderBody", List.of("findingIndex", "requirement", "deadline")),
            Map.entry("VerificationBody", List.of("rectified", "verifiedOn")),
            Map.entry("ApplicationBody", List.of("institutionId", "kind", "periodFrom", "periodTo")),
            Map.entry("DecisionBody", List.of("approve", "reason")),
            Map.entry("PaymentBody", List.of("paidOn", "reference")),
            Map.entry("LicenceNotification", List.of("notificationId", "creditCode", "change", "effectiveAt")));

    /** Lists that must have at least one item (the parsers' "needs at least one entry"). */
    private static final List<String> NON_EMPTY = List.of("serviceTypes", "classes", "documents", "reasons", "entries",
            "ContractBody.fees");

    private static final Map<String, Consumer<Schema<?>>> BY_NAME = new LinkedHashMap<>();
    private static final Map<String, Consumer<Schema<?>>> ITEMS = new LinkedHashMap<>();

    static {
        for (String name : List.of("name", "address", "reference", "item", "qualification", "partnerName",
                "designationReference")) {
            BY_NAME.put(name, text(InputRules.MAX_TEXT));
        }
        for (String name : List.of("reason", "note", "requirement", "description", "refundStandard",
                "disputeResolution", "correctionReason")) {
            BY_NAME.put(name, text(InputRules.MAX_REASON));
        }
        BY_NAME.put("details", text(InputRules.MAX_DETAILS));
        BY_NAME.put("RegisterChildBody.name", text(InputRules.MAX_PERSON_NAME));
        BY_NAME.put("guardianName", text(InputRules.MAX_PERSON_NAME));
        BY_NAME.put("contactPhone", pattern(InputRules.PHONE_PATTERN, InputRules.MAX_PHONE));
        BY_NAME.put("guardianPhone", pattern(InputRules.PHONE_PATTERN, InputRules.MAX_PHONE));
        BY_NAME.put("StaffBody.phone", text(InputRules.MAX_STAFF_PHONE));
        BY_NAME.put("demonstrationLevel", text(InputRules.MAX_DEMONSTRATION_LEVEL));
        BY_NAME.put("notificationId", text(128));
        BY_NAME.put("LicenceNotification.detail", text(InputRules.MAX_REASON));

        BY_NAME.put("creditCode", pattern(CreditCode.PATTERN, 18));
        BY_NAME.put("partnerCreditCode", pattern(CreditCode.PATTERN, 18));
        BY_NAME.put("division", pattern(DivisionCode.PATTERN, 6));
        BY_NAME.put("zone", s -> s.pattern(org.careledger.kernel.value.LocalZone.ID_PATTERN).maxLength(40)
                .description("Optional: the id of a configured local zone lying in the filing's division "
                        + "(docs/domain.md rule F7), e.g. 370811-TBH; otherwise 400 INVALID_ZONE"));
        BY_NAME.put("citizenId", pattern(CitizenId.PATTERN, 18));
        for (String name : List.of("institutionId", "childRef", "classId", "toClassId")) {
            BY_NAME.put(name, pattern(Identifiers.UUID_PATTERN, UUID_LENGTH));
        }
        BY_NAME.put("checkIn", pattern(LOCAL_TIME_PATTERN, 18));
        BY_NAME.put("checkOut", pattern(LOCAL_TIME_PATTERN, 18));
        BY_NAME.put("effectiveAt", s -> s.format("date-time").maxLength(40)
                .description("An ISO-8601 instant between " + InputRules.EARLIEST_RECORD + " and one day from now"));

        date("birthDate", InputRules.BIRTH_DATE);
        for (String name : List.of("inspectedOn", "verifiedOn", "paidOn", "signedOn", "checkedOn")) {
            date(name, InputRules.PAST_EVENT);
        }
        date("issuedOn", InputRules.DOCUMENT_ISSUED);
        date("startsOn", InputRules.CONTRACT_START);
        date("endsOn", InputRules.CONTRACT_END);
        date("effectiveOn", InputRules.TRANSFER);
        date("day", InputRules.ATTENDANCE_DAY);
        for (String name : List.of("qualificationExpiresOn", "healthCertificateExpiresOn", "validUntil")) {
            date(name, InputRules.CERTIFICATE_EXPIRY);
        }
        for (String name : List.of("leftOn", "effectiveFrom", "periodFrom", "periodTo")) {
            date(name, InputRules.NEAR_FUTURE);
        }
        date("deadline", InputRules.DEADLINE);
        date("newDeadline", InputRules.DEADLINE);

        BY_NAME.put("FileInstitutionBody.type", enumOf(InstitutionType.class));
        BY_NAME.put("DocumentBody.type", enumOf(FilingDocumentType.class));
        BY_NAME.put("InspectionBody.type", enumOf(InspectionType.class));
        BY_NAME.put("classType", enumOf(ClassType.class));
        BY_NAME.put("serviceType", enumOf(ServiceType.class));
        BY_NAME.put("unit", enumOf(FeeUnit.class));
        BY_NAME.put("HealthCheckBody.kind", enumOf(HealthCheckKind.class));
        BY_NAME.put("ApplicationBody.kind", enumOf(SubsidyKind.class));
        BY_NAME.put("outcome", enumOf(HealthOutcome.class));
        BY_NAME.put("category", enumOf(FindingCategory.class));
        BY_NAME.put("severity", enumOf(FindingSeverity.class));
        BY_NAME.put("absence", enumOf(AbsenceReason.class));
        BY_NAME.put("StaffBody.role", enumOf(StaffRole.class));
        BY_NAME.put("change", enumOf(LicenceChange.class));

        BY_NAME.put("places", range(1, InputRules.MAX_PLACES));
        BY_NAME.put("amountFen", range(0, InputRules.MAX_FEE_FEN));
        BY_NAME.put("prepaidMonths", range(0, InputRules.MAX_PREPAID_MONTHS));
        BY_NAME.put("floorAreaSquareMetres", range(1, InputRules.MAX_FLOOR_AREA_SQUARE_METRES));
        BY_NAME.put("leaseMonths", range(0, InputRules.MAX_LEASE_MONTHS));
        BY_NAME.put("findingIndex", range(0, InputRules.MAX_INSPECTION_ITEMS - 1));
        BY_NAME.put("latitude", s -> s.minimum(BigDecimal.valueOf(-GeoPoint.MAX_LATITUDE))
                .maximum(BigDecimal.valueOf(GeoPoint.MAX_LATITUDE)));
        BY_NAME.put("longitude", s -> s.minimum(BigDecimal.valueOf(-GeoPoint.MAX_LONGITUDE))
                .maximum(BigDecimal.valueOf(GeoPoint.MAX_LONGITUDE)));

        for (String name : List.of("serviceTypes", "classes", "fees", "documents", "reasons", "chainInstitutionIds")) {
            BY_NAME.put(name, s -> s.maxItems(InputRules.MAX_ITEMS));
        }
        for (String name : List.of("findings", "orders", "agencies")) {
            BY_NAME.put(name, s -> s.maxItems(InputRules.MAX_INSPECTION_ITEMS));
        }
        BY_NAME.put("entries", s -> s.maxItems(InputRules.MAX_ATTENDANCE_ENTRIES));
        ITEMS.put("serviceTypes", enumOf(ServiceType.class));
        ITEMS.put("reasons", text(InputRules.MAX_REASON));
        ITEMS.put("chainInstitutionIds", pattern(Identifiers.UUID_PATTERN, UUID_LENGTH));
        ITEMS.put("agencies", enumOf(JointAgency.class));
    }

    private RequestRules() {
    }

    /** Constrains every request body schema (by the project's convention, the schemas named {@code *Body}). */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static void applyToBodies(Map<String, Schema> schemas) {
        schemas.forEach((name, schema) -> {
            if (!name.endsWith("Body") && !REQUIRED.containsKey(name)) {
                return;
            }
            List<String> required = REQUIRED.get(name);
            if (required != null && schema.getProperties() != null) {
                schema.setRequired(required.stream().filter(schema.getProperties()::containsKey).toList());
            }
            if (schema.getProperties() == null) {
                return;
            }
            ((Map<String, Schema>) schema.getProperties()).forEach((property, raw) -> {
                Schema<?> p = raw;
                Consumer<Schema<?>> rule = BY_NAME.getOrDefault(name + "." + property, BY_NAME.get(property));
                if (rule != null) {
                    rule.accept(p);
                }
                if (p.getItems() != null && ITEMS.containsKey(property)) {
                    ITEMS.get(property).accept(p.getItems());
                }
                if (p.getItems() != null && (NON_EMPTY.contains(property) || NON_EMPTY.contains(name + "." + property))) {
                    p.minItems(1);
                }
            });
        });
    }

    /** Path and query parameters: identifiers by their shape, dates as dates, the rest bounded as the server bounds them. */
    static void applyToParameter(Parameter parameter) {
        if (parameter.getSchema() == null) {
            return;
        }
        // springdoc may hand several parameters one schema object (e.g. every String parameter of an
        // operation): narrow a copy of its own, so that one parameter's rule (purpose's enum) never
        // becomes another's.
        Schema<?> s = AnnotationsUtils.clone(parameter.getSchema(), true);
        parameter.setSchema(s);
        String name = parameter.getName();
        if ("path".equals(parameter.getIn())) {
            switch (name) {
                case "filingNumber" -> pattern(FilingNumber.PATTERN, 18).accept(s);
                case "number" -> pattern(FilingCertificate.NUMBER_PATTERN, 33).accept(s);
                case "orderId" -> pattern(Identifiers.ORDER_ID_PATTERN, 4).accept(s);
                case "name" -> text(100).accept(s);
                default -> {
                    if (isString(s)) {
                        pattern(Identifiers.UUID_PATTERN, UUID_LENGTH).accept(s);
                    }
                }
            }
        } else if ("query".equals(parameter.getIn()) && "purpose".equals(name)) {
            enumOf(PersonalDataPurpose.class).accept(s);
        } else if ("query".equals(parameter.getIn()) && "note".equals(name)) {
            text(PersonalDataPurpose.MAX_NOTE).accept(s);
        } else if (isString(s) && s.getMaxLength() == null && s.getEnum() == null) {
            s.maxLength(MAX_QUERY_VALUE);
        }
    }

    static boolean isString(Schema<?> s) {
        return "string".equals(s.getType()) || (s.getTypes() != null && s.getTypes().contains("string"));
    }

    private static void date(String name, InputRules.DateWindow window) {
        BY_NAME.put(name, s -> s.format("date").maxLength(DATE_LENGTH)
                .description("A date YYYY-MM-DD " + window.describe() + " (" + window.name()
                        + "; today is the calendar day in Asia/Shanghai)"));
    }

    private static Consumer<Schema<?>> text(int max) {
        return s -> s.maxLength(max);
    }

    private static Consumer<Schema<?>> pattern(String regex, int max) {
        return s -> s.pattern(regex).maxLength(max);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Consumer<Schema<?>> enumOf(Class<? extends Enum<?>> type) {
        List<String> names = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
        return s -> ((Schema) s).setEnum(new java.util.ArrayList<>(names));
    }

    private static Consumer<Schema<?>> range(long min, long max) {
        return s -> s.minimum(BigDecimal.valueOf(min)).maximum(BigDecimal.valueOf(max));
    }
}
