package org.careledger.infra.demo;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.filing.ApproveFiling;
import org.careledger.kernel.filing.FileInstitution;
import org.careledger.kernel.filing.GrantPuhuiStatus;
import org.careledger.kernel.id.ClassId;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.messaging.EventMetadata;
import org.careledger.kernel.security.Caller;
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
import org.careledger.kernel.value.ServiceType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * With {@code careledger.demo-data.enabled=true}, files the real institutions listed below (docs/domain.md, "Demo data")
 * through the command bus (so as events, with the same rules as any filing), approves most of
 * them and grants 普惠 status where the sources say so, so a newcomer sees a populated white-list.
 * Ids are derived from the credit codes, so running it again changes nothing.
 *
 * <p>Credit codes, exact locations and division codes are illustrative: the sources name the
 * institutions, not their codes. 太白湖新区 (a functional zone of 济宁) has no GB/T 2260 code of
 * its own; its institutions are filed under 任城区 (370811) here.
 */
@Component
@ConditionalOnProperty(name = "careledger.demo-data.enabled", havingValue = "true")
class DemoDataLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);
    private static final Caller DEMO = Caller.system("demo-data");

    private final CommandGateway commands;

    DemoDataLoader(CommandGateway commands) {
        this.commands = commands;
    }

    static List<DemoInstitution> institutions() {
        Set<ServiceType> fullDayHourly = Set.of(ServiceType.FULL_DAY, ServiceType.HOURLY);
        return List.of(
                new DemoInstitution("济宁市机关托育中心", "370811", "52370811MJD00001", InstitutionType.CHILDCARE_CENTRE,
                        "山东省济宁市太白湖新区", new GeoPoint(35.3712, 116.6021), fullDayHourly,
                        List.of(plan("乳儿一班", ClassType.INFANT, 10), plan("乳儿二班", ClassType.INFANT, 10),
                                plan("托小一班", ClassType.YOUNG_TODDLER, 15), plan("托小二班", ClassType.YOUNG_TODDLER, 15),
                                plan("托小三班", ClassType.YOUNG_TODDLER, 15), plan("托小四班", ClassType.YOUNG_TODDLER, 15),
                                plan("托大一班", ClassType.OLDER_TODDLER, 20), plan("托大二班", ClassType.OLDER_TODDLER, 20),
                                plan("托大三班", ClassType.OLDER_TODDLER, 20), plan("混合班", ClassType.MIXED, 10)),
                        220_000, true, true),
                new DemoInstitution("南风花园托育中心", "370811", "52370811MJD00002", InstitutionType.CHILDCARE_CENTRE,
                        "山东省济宁市太白湖新区南风花园", new GeoPoint(35.3655, 116.5903), Set.of(ServiceType.FULL_DAY),
                        List.of(plan("乳儿班", ClassType.INFANT, 10), plan("托小班", ClassType.YOUNG_TODDLER, 15),
                                plan("托大班", ClassType.OLDER_TODDLER, 20)),
                        200_000, true, true),
                new DemoInstitution("汶上县第二人民医院托育中心", "370830", "12370830MB000003", InstitutionType.EMPLOYER_SPONSORED,
                        "山东省济宁市汶上县", new GeoPoint(35.7326, 116.4897), fullDayHourly,
                        List.of(plan("乳儿班", ClassType.INFANT, 10), plan("托小一班", ClassType.YOUNG_TODDLER, 15),
                                plan("托小二班", ClassType.YOUNG_TODDLER, 15), plan("托大一班", ClassType.OLDER_TODDLER, 20),
                                plan("托大二班", ClassType.OLDER_TODDLER, 20), plan("托大三班", ClassType.OLDER_TODDLER, 20)),
                        180_000, true, true),
                new DemoInstitution("汶上县妇幼保健托育园", "370830", "12370830MB000004", InstitutionType.CHILDCARE_CENTRE,
                        "山东省济宁市汶上县", new GeoPoint(35.7281, 116.4952), Set.of(ServiceType.FULL_DAY, ServiceType.HALF_DAY),
                        List.of(plan("乳儿班", ClassType.INFANT, 10), plan("托小班", ClassType.YOUNG_TODDLER, 15),
                                plan("托大班", ClassType.OLDER_TODDLER, 20)),
                        160_000, true, true),
                // filed but not yet approved: it must not appear on the white-list
                new DemoInstitution("汶上经济开发区托育中心", "370830", "52370830MJD00005", InstitutionType.CHILDCARE_CENTRE,
                        "山东省济宁市汶上经济开发区", new GeoPoint(35.7102, 116.5208), Set.of(ServiceType.FULL_DAY),
                        List.of(plan("托小一班", ClassType.YOUNG_TODDLER, 15), plan("托小二班", ClassType.YOUNG_TODDLER, 15),
                                plan("托大一班", ClassType.OLDER_TODDLER, 20), plan("托大二班", ClassType.OLDER_TODDLER, 20)),
                        150_000, false, false),
                new DemoInstitution("海康威视幼儿园", "330108", "52330108MJD00006", InstitutionType.EMPLOYER_SPONSORED,
                        "浙江省杭州市滨江区", new GeoPoint(30.2084, 120.2119), Set.of(ServiceType.FULL_DAY),
                        List.of(plan("托大一班", ClassType.OLDER_TODDLER, 20), plan("托大二班", ClassType.OLDER_TODDLER, 20)),
                        300_000, true, false),
                new DemoInstitution("武林门儿童之家", "330105", "52330105MJD00007", InstitutionType.KINDERGARTEN_NURSERY,
                        "浙江省杭州市拱墅区武林门", new GeoPoint(30.2741, 120.1611), Set.of(ServiceType.FULL_DAY),
                        List.of(plan("托班一", ClassType.OLDER_TODDLER, 20), plan("托班二", ClassType.OLDER_TODDLER, 20),
                                plan("托班三", ClassType.OLDER_TODDLER, 20), plan("托班四", ClassType.OLDER_TODDLER, 20)),
                        260_000, true, false),
                new DemoInstitution("襄七房社区托育机构", "330108", "52330108MJD00008", InstitutionType.COMMUNITY,
                        "浙江省杭州市滨江区西兴街道襄七房社区", new GeoPoint(30.1969, 120.2170),
                        Set.of(ServiceType.FULL_DAY, ServiceType.OCCASIONAL),
                        List.of(plan("乳儿班", ClassType.INFANT, 10), plan("托小班", ClassType.YOUNG_TODDLER, 15),
                                plan("托大班", ClassType.OLDER_TODDLER, 20)),
                        190_000, true, true));
    }

    private static DemoInstitution.ClassPlan plan(String name, ClassType type, int places) {
        return new DemoInstitution.ClassPlan(name, type, places);
    }

    @Override
    public void run(ApplicationArguments args) {
        int filed = 0;
        for (DemoInstitution demo : institutions()) {
            if (load(demo)) {
                filed++;
            }
        }
        log.info("Demo data: {} institutions filed now, {} were already there", filed, institutions().size() - filed);
    }

    private boolean load(DemoInstitution demo) {
        String first17 = demo.creditCodeStem() + "0";
        CreditCode creditCode = CreditCode.parse(first17 + CreditCode.checkCharacterFor(first17));
        InstitutionId id = InstitutionId.of(UUID.nameUUIDFromBytes(creditCode.value().getBytes(StandardCharsets.UTF_8)).toString());
        try {
            send(new FileInstitution(id, creditCode, demo.name(), demo.type(), DivisionCode.parse(demo.division()),
                    demo.address(), demo.location(), null, true, demo.serviceTypes(),
                    demo.classes().stream().map(c -> new ClassSpec(classId(id, c.name()), c.name(), c.type(), c.places())).toList(),
                    List.of(new Fee("保育费", demo.monthlyFeeFen(), FeeUnit.PER_MONTH), new Fee("伙食费", 60_000, FeeUnit.PER_MONTH)),
                    documents()));
        } catch (DomainException e) {
            if (e.code() == ErrorCode.CREDIT_CODE_ALREADY_REGISTERED || e.code() == ErrorCode.INSTITUTION_ALREADY_REGISTERED) {
                return false;
            }
            throw e;
        }
        if (demo.approve()) {
            send(new ApproveFiling(id));
            if (demo.puhui()) {
                send(new GrantPuhuiStatus(id, LocalDate.of(2024, 1, 1), "demo"));
            }
        }
        return true;
    }

    private static ClassId classId(InstitutionId institution, String className) {
        return ClassId.of(UUID.nameUUIDFromBytes((institution + "/" + className).getBytes(StandardCharsets.UTF_8)).toString());
    }

    private static List<FilingDocument> documents() {
        LocalDate issued = LocalDate.of(2023, 6, 1);
        return java.util.Arrays.stream(FilingDocumentType.values())
                .map(t -> new FilingDocument(t, "DEMO-" + t.name(), issued,
                        t == FilingDocumentType.HEALTH_EVALUATION_REPORT ? Boolean.TRUE : null))
                .toList();
    }

    private void send(Object command) {
        Map<String, Object> meta = new java.util.HashMap<>(DEMO.toMetaData());
        meta.put(EventMetadata.CORRELATION_ID, "demo-data");
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(meta));
        } catch (org.axonframework.commandhandling.CommandExecutionException e) {
            Object details = e.getDetails().orElse(null);
            if (details instanceof DomainException d) {
                throw d;
            }
            if (e.getCause() instanceof DomainException d) {
                throw d;
            }
            throw e;
        }
    }
}
