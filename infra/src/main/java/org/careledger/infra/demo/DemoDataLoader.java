package org.careledger.infra.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.careledger.command.cluster.ClusterLeases;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.command.filing.ApproveFiling;
import org.careledger.command.filing.FileInstitution;
import org.careledger.command.filing.GrantPuhuiStatus;
import org.careledger.kernel.id.ClassId;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.messaging.EventMetadata;
import org.careledger.kernel.security.Caller;
import org.careledger.kernel.value.ClassSpec;
import org.careledger.kernel.value.CreditCode;
import org.careledger.kernel.value.DivisionCode;
import org.careledger.kernel.value.Fee;
import org.careledger.kernel.value.FeeUnit;
import org.careledger.kernel.value.FilingDocument;
import org.careledger.kernel.value.FilingDocumentType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * With {@code careledger.demo-data.enabled=true}, files the real institutions listed in
 * {@value #INSTITUTIONS} (docs/domain.md, "Demo data"), in the file's order,
 * through the command bus (so as events, with the same rules as any filing), approves most of
 * them and grants 普惠 status where the sources say so, so a newcomer sees a populated white-list.
 * Ids are derived from the credit codes, so running it again changes nothing.
 *
 * <p>Credit codes, exact locations and division codes are illustrative: the sources name the
 * institutions, not their codes. 太白湖新区 (a functional zone of 济宁) has no GB/T 2260 code of
 * its own; its institutions are filed under 任城区 (370811) and in the shipped local zone
 * {@value #TAIBAIHU_ZONE} (docs/domain.md, rule F7), so the zone's subsidy policies apply to them.
 *
 * <p>The file is data, one {@link DemoInstitution} an entry (its header comment describes the
 * fields): what to file, whether to approve the filing ({@code approve}) and grant 普惠 status
 * ({@code puhui}); the zone follows from division and address ({@link #zoneOf}). It is read once,
 * when the loader is created, and a malformed file fails the start with a message naming it.
 */
@Component
@ConditionalOnProperty(name = "careledger.demo-data.enabled", havingValue = "true")
class DemoDataLoader implements ApplicationRunner, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);
    private static final Caller DEMO = Caller.system("demo-data");
    /** The shipped local zone 太白湖新区 ({@code careledger.zones}). */
    static final String TAIBAIHU_ZONE = "370811-TBH";
    /** The lease name of the loader in {@code worker_lease}. */
    static final String WORKER = "demo-data";
    /** Refusals that mean "try again shortly": the licence check has not answered yet, or the system is busy. */
    private static final Set<ErrorCode> TRANSIENT = Set.of(ErrorCode.LICENCE_VERIFICATION_PENDING,
            ErrorCode.SERVICE_OVERLOADED, ErrorCode.CONCURRENT_MODIFICATION);
    /** The classpath resource listing the demo institutions. */
    static final String INSTITUTIONS = "demo/institutions.yml";
    /** Reads {@value #INSTITUTIONS}: every value of an institution must be given, none may be null. */
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES,
                    DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES,
                    DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private final CommandGateway commands;
    private final List<DemoInstitution> institutions;
    private final Duration patience;
    private final Duration pause;
    private volatile Thread worker;
    private volatile boolean stopping;
    /** Null when loading directly (tests of one loader); otherwise only the lease holder loads. */
    private final ClusterLeases leases;

    @org.springframework.beans.factory.annotation.Autowired
    DemoDataLoader(CommandGateway commands,
                   @org.springframework.beans.factory.annotation.Value("${careledger.demo-data.patience:5m}") Duration patience,
                   ClusterLeases leases) {
        this(commands, institutions(), patience, Duration.ofMillis(500), leases);
    }

    DemoDataLoader(CommandGateway commands, List<DemoInstitution> institutions, Duration patience, Duration pause) {
        this(commands, institutions, patience, pause, null);
    }

    private DemoDataLoader(CommandGateway commands, List<DemoInstitution> institutions, Duration patience, Duration pause,
                           ClusterLeases leases) {
        this.commands = commands;
        this.institutions = institutions;
        this.patience = patience;
        this.pause = pause;
        this.leases = leases;
    }

    /** The local zone of a demo institution: 太白湖新区 for those the sources place there, else none. */
    static String zoneOf(DemoInstitution demo) {
        return "370811".equals(demo.division()) && demo.address().contains("太白湖新区") ? TAIBAIHU_ZONE : null;
    }

    /**
     * The demo institutions in filing order, read from {@value #INSTITUTIONS}.
     *
     * @throws IllegalStateException naming the file if it is missing or malformed (a value missing,
     *         null, unknown or out of range), so a broken list fails the start instead of loading half
     */
    static List<DemoInstitution> institutions() {
        return institutions(INSTITUTIONS);
    }

    static List<DemoInstitution> institutions(String resource) {
        List<DemoInstitution> read;
        try (InputStream in = DemoDataLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Demo institutions: classpath:" + resource + " is missing");
            }
            read = YAML.readValue(in, new TypeReference<List<DemoInstitution>>() { });
        } catch (IOException e) {
            throw new IllegalStateException("Demo institutions: classpath:" + resource + " is malformed: "
                    + e.getMessage(), e);
        }
        if (read == null || read.contains(null)) {
            throw new IllegalStateException("Demo institutions: classpath:" + resource
                    + " is malformed: it must be a list of institutions, without empty entries");
        }
        return List.copyOf(read);
    }

    /**
     * Loads in the background, so the application is ready at once and nothing the loader meets
     * can fail the start: approval waits for the licence check (which answers only after the
     * filing), and every refusal or failure is logged and the next institution is loaded.
     *
     * <p>With several instances on one store, only the instance that takes the {@value #WORKER}
     * lease loads (ADR 0024); it keeps the lease for the loader's patience and a minute, so the
     * instances starting with it leave the loading to it.
     */
    @Override
    public void run(ApplicationArguments args) {
        Thread t = new Thread(() -> {
            try {
                if (leases == null) {
                    loadAll();
                } else if (!leases.runIfHolder(WORKER, patience.plusMinutes(1), this::loadAll)) {
                    log.info("Demo data: another instance holds the {} lease and loads them", WORKER);
                }
            } catch (Throwable e) {
                log.warn("Demo data not loaded: {}", e.toString(), e);
            }
        }, "demo-data");
        t.setDaemon(true);
        worker = t;
        t.start();
    }

    @Override
    public void destroy() throws InterruptedException {
        stopping = true;
        Thread t = worker;
        if (t != null) {
            t.interrupt();
            t.join(10_000);
        }
    }

    /** What a run did: institutions filed now, and institutions brought to their intended state (filed now or before). */
    record Outcome(int filedNow, int complete, int incomplete) {
    }

    /**
     * Files every demo institution, and approves and grants 普惠 where intended; what an earlier
     * start left undone (filed, not approved) is finished. Never throws for one institution.
     */
    Outcome loadAll() {
        int filed = 0;
        int complete = 0;
        int incomplete = 0;
        for (DemoInstitution demo : institutions) {
            if (stopping) {
                break;
            }
            try {
                if (load(demo)) {
                    filed++;
                }
                complete++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                incomplete++;
                log.warn("Demo data: {} left incomplete ({}); the next start finishes it", demo.name(), e.toString());
            }
        }
        log.info("Demo data: {} institutions filed now, {} in their intended state, {} incomplete",
                filed, complete, incomplete);
        return new Outcome(filed, complete, incomplete);
    }

    private boolean load(DemoInstitution demo) throws InterruptedException {
        InstitutionId id = idOf(demo);
        CreditCode creditCode = creditCodeOf(demo);
        boolean filedNow = send(new FileInstitution(id, creditCode, demo.name(), demo.type(), DivisionCode.parse(demo.division()),
                demo.address(), demo.location(), null, true, demo.serviceTypes(),
                demo.classes().stream().map(c -> new ClassSpec(classId(id, c.name()), c.name(), c.type(), c.places())).toList(),
                List.of(new Fee("保育费", demo.monthlyFeeFen(), FeeUnit.PER_MONTH), new Fee("伙食费", 60_000, FeeUnit.PER_MONTH)),
                documents(), zoneOf(demo)), Set.of(ErrorCode.CREDIT_CODE_ALREADY_REGISTERED, ErrorCode.INSTITUTION_ALREADY_REGISTERED));
        if (demo.approve()) {
            // already approved by an earlier start: the transition is refused, which is what we want
            send(new ApproveFiling(id), Set.of(ErrorCode.ILLEGAL_FILING_TRANSITION));
            if (demo.puhui()) {
                send(new GrantPuhuiStatus(id, LocalDate.of(2024, 1, 1), "demo"), Set.of(ErrorCode.PUHUI_STATUS_UNCHANGED));
            }
        }
        return filedNow;
    }

    static InstitutionId idOf(DemoInstitution demo) {
        return new InstitutionId(UUID.nameUUIDFromBytes(creditCodeOf(demo).value().getBytes(StandardCharsets.UTF_8)).toString());
    }

    private static CreditCode creditCodeOf(DemoInstitution demo) {
        String first17 = demo.creditCodeStem() + "0";
        return CreditCode.parse(first17 + CreditCode.checkCharacterFor(first17));
    }

    private static ClassId classId(InstitutionId institution, String className) {
        return new ClassId(UUID.nameUUIDFromBytes((institution + "/" + className).getBytes(StandardCharsets.UTF_8)).toString());
    }

    private static List<FilingDocument> documents() {
        LocalDate issued = LocalDate.of(2023, 6, 1);
        return java.util.Arrays.stream(FilingDocumentType.values())
                .map(t -> new FilingDocument(t, "DEMO-" + t.name(), issued,
                        t == FilingDocumentType.HEALTH_EVALUATION_REPORT ? Boolean.TRUE : null))
                .toList();
    }

    /**
     * Sends a command, waiting out transient refusals for at most the loader's patience.
     *
     * @return true if it was executed, false if it was refused with one of {@code alreadyDone}
     */
    private boolean send(Object command, Set<ErrorCode> alreadyDone) throws InterruptedException {
        Map<String, Object> meta = new java.util.HashMap<>(DEMO.toMetaData());
        meta.put(EventMetadata.CORRELATION_ID, "demo-data");
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(meta));
                return true;
            } catch (RuntimeException e) {
                DomainException refusal = refusalIn(e);
                if (refusal != null && alreadyDone.contains(refusal.code())) {
                    return false;
                }
                boolean transientRefusal = refusal != null && TRANSIENT.contains(refusal.code());
                if (!transientRefusal || System.nanoTime() > deadline || stopping) {
                    throw e;
                }
            }
            Thread.sleep(pause.toMillis());
        }
    }

    private static DomainException refusalIn(Throwable t) {
        return org.careledger.infra.web.ProblemMapper.findDomainException(t);
    }
}
