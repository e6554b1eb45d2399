package org.careledger.command.filing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.axonframework.messaging.MetaData;
import org.careledger.kernel.filing.ClassOpened;
import org.careledger.kernel.filing.FilingApproved;
import org.careledger.kernel.filing.FilingSubmitted;
import org.careledger.kernel.id.ClassId;
import org.careledger.kernel.id.FilingNumber;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.security.Caller;
import org.careledger.kernel.security.Role;
import org.careledger.kernel.value.ClassSpec;
import org.careledger.kernel.value.ClassType;
import org.careledger.kernel.value.CreditCode;
import org.careledger.kernel.value.DivisionCode;
import org.careledger.kernel.value.Fee;
import org.careledger.kernel.value.FeeUnit;
import org.careledger.kernel.value.FilingDocument;
import org.careledger.kernel.value.FilingDocumentType;
import org.careledger.kernel.value.GeoPoint;
import org.careledger.kernel.value.InstitutionType;
import org.careledger.kernel.value.Jurisdiction;
import org.careledger.kernel.value.ServiceType;

/** Shared facts for the filing tests: one institution in 汶上县 (370830), its callers and events. */
public final class FilingFixtures {

    public static final Instant NOW = Instant.parse("2026-03-02T02:00:00Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    public static final InstitutionId ID = new InstitutionId("6f1d3c2a-9a43-4f5e-9a51-3c1f0f6e2b11");
    public static final DivisionCode WENSHANG = DivisionCode.parse("370830");
    public static final CreditCode CREDIT_CODE = CreditCode.parse("91370830MA3N000021");
    public static final CreditCode PILOT_CODE = CreditCode.parse("91370830MA3N000022");
    public static final ClassId INFANTS = new ClassId("0b5e4b8e-1d0a-4c55-8a8e-6b4b0d3f9c01");
    public static final ClassId TODDLERS = new ClassId("0b5e4b8e-1d0a-4c55-8a8e-6b4b0d3f9c02");
    /** Local zones for the fixtures: 太白湖新区 in 任城区 (as shipped) and a test zone in 汶上县. */
    public static final org.careledger.kernel.value.LocalZones ZONES = org.careledger.kernel.value.LocalZones.of(List.of(
            new org.careledger.kernel.value.LocalZone("370811-TBH", "太白湖新区", "3708", List.of("370811"), "test"),
            new org.careledger.kernel.value.LocalZone("370830-T", "汶上测试区", "3708", List.of("370830"), "test")));

    /** An Institution fixture with the clock, a filing-number allocator that answers 1, and the certificate signer. */
    public static org.axonframework.test.aggregate.AggregateTestFixture<Institution> institutionFixture() {
        var fixture = new org.axonframework.test.aggregate.AggregateTestFixture<>(Institution.class);
        fixture.registerInjectableResource(CLOCK);
        fixture.registerInjectableResource((FilingNumberAllocator) (division, year) -> 1);
        fixture.registerInjectableResource(SIGNER);
        return fixture;
    }

    /** A fresh in-memory directory, registered with the zones as resources the aggregate's handlers take. */
    public static InMemoryInstitutionDirectory directory(org.axonframework.test.aggregate.AggregateTestFixture<?> fixture) {
        InMemoryInstitutionDirectory directory = new InMemoryInstitutionDirectory();
        fixture.registerInjectableResource(directory);
        fixture.registerInjectableResource(ZONES);
        return directory;
    }

    public static final Caller OPERATOR = new Caller("op-1", Role.OPERATOR, ID, null);
    public static final Caller OTHER_OPERATOR = new Caller("op-2", Role.OPERATOR,
            new InstitutionId("11111111-2222-4333-8444-555555555555"), null);
    public static final Caller INSPECTOR = new Caller("insp-1", Role.INSPECTOR, null, Jurisdiction.of("3708"));
    public static final Caller FOREIGN_INSPECTOR = new Caller("insp-2", Role.INSPECTOR, null, Jurisdiction.of("3301"));
    public static final Caller OFFICER = new Caller("off-1", Role.SUBSIDY_OFFICER, null, Jurisdiction.of("37"));
    public static final Caller ADMIN = new Caller("admin", Role.ADMIN, null, null);

    private FilingFixtures() {
    }

    public static MetaData as(Caller caller) {
        return MetaData.from(caller.toMetaData());
    }

    public static List<FilingDocument> allDocuments(boolean withFoodLicence) {
        List<FilingDocument> docs = new ArrayList<>();
        for (FilingDocumentType t : FilingDocumentType.values()) {
            if (t == FilingDocumentType.FOOD_LICENCE && !withFoodLicence) {
                continue;
            }
            docs.add(new FilingDocument(t, "DOC-" + t.name(), null,
                    t == FilingDocumentType.HEALTH_EVALUATION_REPORT ? Boolean.TRUE : null));
        }
        return docs;
    }

    public static List<FilingDocument> documentsWithout(FilingDocumentType... missing) {
        List<FilingDocumentType> skip = Arrays.asList(missing);
        return allDocuments(true).stream().filter(d -> !skip.contains(d.type())).toList();
    }

    public static FileInstitution fileCommand(InstitutionType type, List<ClassSpec> classes, List<FilingDocument> documents,
                                       boolean mealsServed, CreditCode code) {
        return new FileInstitution(ID, code, "汶上县第二人民医院托育中心", type, WENSHANG, "山东省济宁市汶上县",
                new GeoPoint(35.73, 116.49), "0537-7210000", mealsServed, Set.of(ServiceType.FULL_DAY),
                classes, List.of(new Fee("保育费", 180_000, FeeUnit.PER_MONTH)), documents);
    }

    public static FileInstitution fileCommand() {
        return fileCommand(InstitutionType.CHILDCARE_CENTRE,
                List.of(new ClassSpec(INFANTS, "乳儿班", ClassType.INFANT, 10),
                        new ClassSpec(TODDLERS, "托小班", ClassType.YOUNG_TODDLER, 15)),
                allDocuments(true), true, CREDIT_CODE);
    }

    public static FilingSubmitted submitted() {
        FileInstitution c = fileCommand();
        return new FilingSubmitted(ID, c.creditCode(), true, c.name(), c.type(), c.division(), c.address(), c.location(),
                c.contactPhone(), c.mealsServed(), c.serviceTypes(), c.fees(), c.documents(), NOW);
    }

    public static FilingSubmitted submittedFamilyCarePoint() {
        FilingSubmitted s = submitted();
        return new FilingSubmitted(ID, s.creditCode(), true, "小太阳家庭托育点", InstitutionType.FAMILY_CARE_POINT,
                s.division(), s.address(), s.location(), s.contactPhone(), false, s.serviceTypes(), s.fees(),
                allDocuments(false), NOW);
    }

    public static ClassOpened infantClassOpened() {
        return new ClassOpened(ID, INFANTS, "乳儿班", ClassType.INFANT, 10, NOW);
    }

    public static FilingApproved approved() {
        return new FilingApproved(ID, FilingNumber.of(WENSHANG, 2026, 1), WENSHANG, NOW);
    }

    public static org.careledger.kernel.licence.LicenceVerified licenceVerified() {
        return new org.careledger.kernel.licence.LicenceVerified(ID, "91370830MA3N000021",
                java.time.LocalDate.of(2020, 1, 1), java.time.LocalDate.of(2030, 12, 31), NOW);
    }

    /** A deterministic signer for fixtures: the real Ed25519 signer is tested in infra. */
    public static final FilingCertificateSigner SIGNER = new FilingCertificateSigner() {
        @Override
        public String keyId() {
            return "test-key";
        }

        @Override
        public String sign(byte[] content) {
            return "sig-" + java.util.Arrays.hashCode(content);
        }

        @Override
        public String issuerCreditCode(DivisionCode division) {
            return "11370830MB0000000X";
        }
    };

    public static Map<String, Object> eventMetaData() {
        return Map.of("institutionId", ID.value(), "jurisdiction", WENSHANG.value());
    }
}
