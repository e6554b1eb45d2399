package org.careledger.command.api;

import static org.careledger.command.api.RequestParsing.MAX_TEXT;
import static org.careledger.command.api.RequestParsing.documents;
import static org.careledger.command.api.RequestParsing.enumValue;
import static org.careledger.command.api.RequestParsing.fees;
import static org.careledger.command.api.RequestParsing.list;
import static org.careledger.command.api.RequestParsing.location;
import static org.careledger.command.api.RequestParsing.serviceTypes;
import static org.careledger.command.api.RequestParsing.text;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.careledger.kernel.error.Violations;
import org.careledger.command.filing.AmendFiling;
import org.careledger.command.filing.FileInstitution;
import org.careledger.command.filing.GrantPuhuiStatus;
import org.careledger.command.filing.OpenClass;
import org.careledger.command.filing.RejectFiling;
import org.careledger.command.filing.WithdrawPuhuiStatus;
import org.careledger.kernel.id.ClassId;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.id.UuidId;
import org.careledger.kernel.value.ClassSpec;
import org.careledger.kernel.value.ClassType;
import org.careledger.kernel.value.CreditCode;
import org.careledger.kernel.value.DivisionCode;
import org.careledger.kernel.value.GeoPoint;
import org.careledger.kernel.value.InstitutionType;
import org.careledger.kernel.value.InputRules;
import org.careledger.kernel.value.ServiceType;

/** Request bodies of the filing API (raw JSON shapes) and their translation into commands. */
final class FilingRequests {

    private FilingRequests() {
    }

    record LocationBody(Double latitude, Double longitude) {
    }

    record ClassBody(String name, String classType, Integer places) {
    }

    record FeeBody(String item, Long amountFen, String unit) {
    }

    record DocumentBody(String type, String reference, String issuedOn, Boolean qualified) {
    }

    record FileInstitutionBody(String creditCode, String name, String type, String division, String address,
                               LocationBody location, String contactPhone, Boolean mealsServed,
                               List<String> serviceTypes, List<ClassBody> classes, List<FeeBody> fees,
                               List<DocumentBody> documents, String zone) {
    }

    record AmendFilingBody(String name, String address, LocationBody location, String contactPhone,
                           Boolean mealsServed, List<String> serviceTypes, List<FeeBody> fees,
                           List<DocumentBody> documents, String reason, String zone) {
    }

    record ReasonBody(String reason) {
    }

    record RejectBody(List<String> reasons) {
    }

    record PuhuiBody(Boolean granted, String effectiveFrom, String reference, String reason) {
    }

    record OpenClassBody(String name, String classType, Integer places) {
    }

    record ResizeClassBody(Integer places) {
    }

    /** The premises and services a filing states (and an amendment restates). */
    private record Premises(String address, GeoPoint location, String phone, Set<ServiceType> services) {
    }

    /**
     * What a filing and its amendment both state about the premises and services, checked in this
     * order (address, location, contact phone, meals served, service types).
     */
    private static Premises premises(Violations v, String address, LocationBody location, String phone,
                                     Boolean mealsServed, List<String> serviceTypes) {
        String checkedAddress = text(v, "address", address, true, MAX_TEXT);
        GeoPoint point = location(v, location);
        String checkedPhone = phone(v, phone);
        if (mealsServed == null) {
            v.add("mealsServed", "REQUIRED", "mealsServed is required");
        }
        return new Premises(checkedAddress, point, checkedPhone, serviceTypes(v, serviceTypes));
    }

    static FileInstitution fileInstitution(InstitutionId id, FileInstitutionBody body) {
        Violations v = RequestParsing.violationsFor(body);
        CreditCode creditCode = body.creditCode() == null
                ? required(v, "creditCode")
                : v.parse("creditCode", () -> CreditCode.parse(body.creditCode()));
        String name = text(v, "name", body.name(), true, MAX_TEXT);
        InstitutionType type = enumValue(v, "type", body.type(), InstitutionType.class, true);
        DivisionCode division = body.division() == null
                ? required(v, "division")
                : v.parse("division", () -> DivisionCode.official(body.division()));
        Premises premises = premises(v, body.address(), body.location(), body.contactPhone(), body.mealsServed(),
                body.serviceTypes());
        List<ClassSpec> classes = new ArrayList<>();
        List<ClassBody> rawClasses = list(v, "classes", body.classes(), true);
        for (int i = 0; i < rawClasses.size(); i++) {
            ClassSpec spec = classSpec(v, "classes[" + i + "]", rawClasses.get(i), UuidId.generate(ClassId::new));
            if (spec != null) {
                classes.add(spec);
            }
        }
        var fees = fees(v, body.fees());
        var documents = documents(v, body.documents());
        String zone = zone(v, body.zone());
        v.throwIfAny();
        return new FileInstitution(id, creditCode, name, type, division, premises.address(), premises.location(),
                premises.phone(), body.mealsServed(), premises.services(), classes, fees, documents, zone);
    }

    static AmendFiling amendFiling(InstitutionId id, AmendFilingBody body) {
        Violations v = RequestParsing.violationsFor(body);
        String name = text(v, "name", body.name(), true, MAX_TEXT);
        Premises premises = premises(v, body.address(), body.location(), body.contactPhone(), body.mealsServed(),
                body.serviceTypes());
        var fees = fees(v, body.fees());
        var documents = documents(v, body.documents());
        String reason = RequestParsing.reason(v, body.reason(), false);
        String zone = zone(v, body.zone());
        v.throwIfAny();
        return new AmendFiling(id, name, premises.address(), premises.location(), premises.phone(), body.mealsServed(),
                premises.services(), fees, documents, reason, zone);
    }

    static RejectFiling rejectFiling(InstitutionId id, RejectBody body) {
        Violations v = RequestParsing.violationsFor(body);
        List<String> reasons = new ArrayList<>();
        List<String> raw = list(v, "reasons", body.reasons(), true);
        for (int i = 0; i < raw.size(); i++) {
            String r = text(v, "reasons[" + i + "]", raw.get(i), true, RequestParsing.MAX_REASON);
            if (r != null) {
                reasons.add(r);
            }
        }
        v.throwIfAny();
        return new RejectFiling(id, reasons);
    }

    static String reason(ReasonBody body, boolean required) {
        Violations v = new Violations();
        String reason = RequestParsing.reason(v, body == null ? null : body.reason(), required);
        v.throwIfAny();
        return reason;
    }

    static Object puhui(InstitutionId id, PuhuiBody body) {
        Violations v = RequestParsing.violationsFor(body);
        if (body.granted() == null) {
            v.add("granted", "REQUIRED", "granted is required (true grants, false withdraws)");
        }
        LocalDate from = RequestParsing.date(v, "effectiveFrom", body.effectiveFrom(), true, InputRules.NEAR_FUTURE);
        String reference = text(v, "reference", body.reference(), false, MAX_TEXT);
        String reason = RequestParsing.reason(v, body.reason(), Boolean.FALSE.equals(body.granted()));
        v.throwIfAny();
        return body.granted() ? new GrantPuhuiStatus(id, from, reference) : new WithdrawPuhuiStatus(id, from, reason);
    }

    static OpenClass openClass(InstitutionId id, ClassId classId, OpenClassBody body) {
        Violations v = RequestParsing.violationsFor(body);
        ClassSpec spec = classSpec(v, null, new ClassBody(body.name(), body.classType(), body.places()), classId);
        v.throwIfAny();
        return new OpenClass(id, spec.classId(), spec.name(), spec.classType(), spec.places());
    }

    static int places(ResizeClassBody body) {
        Violations v = RequestParsing.violationsFor(body);
        if (body.places() == null) {
            v.add("places", "REQUIRED", "places is required");
        } else if (body.places() < 1 || body.places() > InputRules.MAX_PLACES) {
            v.add("places", "OUT_OF_RANGE", "places must be between 1 and " + InputRules.MAX_PLACES);
        }
        v.throwIfAny();
        return body.places();
    }

    private static ClassSpec classSpec(Violations v, String prefix, ClassBody body, ClassId id) {
        String p = prefix == null ? "" : prefix + ".";
        if (body == null) {
            v.add(prefix, "REQUIRED", prefix + " is empty");
            return null;
        }
        String name = text(v, p + "name", body.name(), true, MAX_TEXT);
        ClassType type = enumValue(v, p + "classType", body.classType(), ClassType.class, true);
        if (body.places() == null) {
            v.add(p + "places", "REQUIRED", "places is required");
        } else if (body.places() < 1 || body.places() > InputRules.MAX_PLACES) {
            v.add(p + "places", "OUT_OF_RANGE", "places must be between 1 and " + InputRules.MAX_PLACES);
        }
        if (name == null || type == null || body.places() == null || body.places() < 1 || body.places() > InputRules.MAX_PLACES) {
            return null;
        }
        return new ClassSpec(id, name, type, body.places());
    }

    /**
     * The optional local zone (rule F7), as text; whether it is a configured zone lying in the
     * filing's division is checked by the command (400 INVALID_ZONE on the field {@code zone}).
     */
    private static String zone(Violations v, String raw) {
        return text(v, "zone", raw, false, 40);
    }

    private static String phone(Violations v, String raw) {
        String phone = text(v, "contactPhone", raw, false, InputRules.MAX_PHONE);
        if (phone != null && !phone.matches(InputRules.PHONE_PATTERN)) {
            v.add("contactPhone", "INVALID_PHONE", "contactPhone may hold digits, spaces, +, - and parentheses");
            return null;
        }
        return phone;
    }

    private static <T> T required(Violations v, String field) {
        v.add(field, "REQUIRED", field + " is required");
        return null;
    }
}
