package org.careledger.benchmark;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One long-lived institution with a long history of state events, built through the HTTP API for
 * the inspector's as-of figure: filed and approved with five classes, then children rotating
 * through them (registration, entry check, enrolment, periodic checks, withdrawal), staff joining,
 * renewing certificates and leaving, and random inspections, until {@code events} commands were
 * accepted. The history is recorded in minutes, but its dated facts are spread over months of
 * business time, in the order they are recorded: each child takes the next slot of a calendar
 * that starts up to eighteen months back (a child registered today
 * is at most four years old) and ends before today, so a child's stay (entry check the day before,
 * enrolment, checks, withdrawal the day after) is over before the next children's stays, as in an
 * institution that has been open for a long time. Inspections are dated where the calendar has got to; staff
 * changes take effect when recorded (their commands carry no date but a departure's, dated today). Each
 * worker owns one place in a class, so places never run out; one child's commands run in order,
 * children run concurrently. A stay lies in the past, so the server's enrolment lifecycle may end
 * an enrolment (age-out) before its withdrawal arrives; that withdrawal is then counted as ended by
 * the server, not as an error.
 */
final class LongHistoryBuilder {

    /** Class name, type, places, and the age in months at the contract start (centre of the band). */
    private record ClassSpec(String name, String type, int places, int ageMonths, int spreadDays) {
    }

    private static final List<ClassSpec> CLASSES = List.of(
            new ClassSpec("乳儿班", "INFANT", 10, 9, 50),
            new ClassSpec("托小一班", "YOUNG_TODDLER", 15, 18, 120),
            new ClassSpec("托小二班", "YOUNG_TODDLER", 15, 18, 120),
            new ClassSpec("托大一班", "OLDER_TODDLER", 20, 28, 50),
            new ClassSpec("托大二班", "OLDER_TODDLER", 20, 28, 50));

    private final Api api;
    private final Options options;
    private final Deadline deadline;
    private final String inspectorToken;
    private final LocalDate today;
    private final AtomicLong commands = new AtomicLong();
    private final AtomicInteger children = new AtomicInteger();
    private final AtomicInteger errors = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();
    private final Map<LocalDate, AtomicInteger> citizenSerial = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, String> classIds = new HashMap<>();
    /** Days of business time per child slot and worker: a child's stay is two days, its entry check the day before. */
    private static final int STAY_DAYS = 4;
    private final AtomicInteger slots = new AtomicInteger();
    private final AtomicInteger endedByServer = new AtomicInteger();
    /** Eighteen months: an older toddler starting then (28 months ± 50 days) is under four today. */
    private static final int CALENDAR_DAYS = 540;
    private LocalDate calendarStart;
    private long expectedChildren;
    private int workers;
    String institutionId;
    private String operatorToken;

    LongHistoryBuilder(Api api, Options options, Deadline deadline, String inspectorToken, LocalDate today) {
        this.api = api;
        this.options = options;
        this.deadline = deadline;
        this.inspectorToken = inspectorToken;
        this.today = today;
    }

    /** Builds the institution until {@code events} commands were accepted; answers what was done. */
    Map<String, Object> build(int events) throws Exception {
        long t0 = System.nanoTime();
        JsonNode t = api.token("OPERATOR", null, null);
        operatorToken = t.get("token").asText();
        institutionId = t.get("institutionId").asText();
        post(operatorToken, "/api/v1/institutions", filing(), "long-history filing");
        Api.Response approved = api.postWithRetry("approve", "/api/v1/institutions/" + institutionId + "/filing/approve",
                inspectorToken, new byte[0], null, 300, RegionBuilder.RETRY_PAUSE, deadline);
        long position = approved.json().path("position").asLong();
        readClassIds(position);
        workers = Math.min(options.ingestConcurrency, CLASSES.stream().mapToInt(ClassSpec::places).sum());
        // a child takes six to seven commands: slots for one per five commands leave the calendar
        // unused at its end rather than used up (once used up, every further stay would be clamped
        // to its last day: thousands of children enrolled at once in business time); it reaches back
        // at most CALENDAR_DAYS, as a child registered today may be at most four years old
        expectedChildren = Math.max(1, events / 5);
        calendarStart = today.minusDays(Math.min(CALENDAR_DAYS, expectedChildren * STAY_DAYS / workers + 2L * STAY_DAYS));
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            tasks.add(() -> {
                work(worker, events);
                return null;
            });
        }
        deadline.runAll("long-history", workers, tasks);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("institutionId", institutionId);
        m.put("commands", commands.get());
        m.put("children", children.get());
        m.put("seconds", Report.round(seconds, 1));
        m.put("commandsPerSecond", Report.round(seconds > 0 ? commands.get() / seconds : 0, 1));
        m.put("businessDaysFrom", calendarStart.toString());
        m.put("withdrawalsEndedByServerFirst", endedByServer.get());
        m.put("errors", errors.get());
        if (!errorSamples.isEmpty()) {
            m.put("errorSamples", List.copyOf(errorSamples));
        }
        Report.progress(String.format(java.util.Locale.ROOT, "  long history: %d commands (%d children) in %.1f s, %d errors",
                commands.get(), children.get(), seconds, errors.get()));
        return m;
    }

    /** One worker: children one after another in its class, with staff changes and inspections between them. */
    private void work(int worker, int events) throws Exception {
        ClassSpec cls = CLASSES.get(worker % CLASSES.size());
        String classId = classIds.get(cls.name());
        Random random = new Random(options.seed * 31 + worker);
        List<String> staff = new ArrayList<>();
        int round = 0;
        while (commands.get() < events && !deadline.passed()) {
            try {
                child(cls, classId, random);
                // staff change far less often than children: one join, renewal or departure per 20 children
                if (round % 60 == 0) {
                    staff.add(joinStaff(classId, random));
                } else if (round % 60 == 20 && !staff.isEmpty()) {
                    renew(staff.get(random.nextInt(staff.size())), random);
                } else if (round % 60 == 40 && staff.size() > 1) {
                    leave(staff.remove(0), random);
                }
                if (worker == 0 && round % 25 == 24) {
                    inspect(random);
                }
            } catch (Api.ApiException e) {
                errors.incrementAndGet();
                if (errorSamples.size() < 10) {
                    errorSamples.add(e.getMessage());
                }
            }
            round++;
        }
    }

    /** The start of the next child's stay: slots run through the calendar in the order they are taken. */
    private LocalDate nextStart() {
        long days = java.time.temporal.ChronoUnit.DAYS.between(calendarStart, today.minusDays(STAY_DAYS));
        LocalDate start = calendarStart.plusDays(slots.getAndIncrement() * days / expectedChildren);
        LocalDate last = today.minusDays(STAY_DAYS);
        return start.isAfter(last) ? last : start;
    }

    private LocalDate nextStartWithoutTakingIt() {
        long days = java.time.temporal.ChronoUnit.DAYS.between(calendarStart, today.minusDays(STAY_DAYS));
        LocalDate start = calendarStart.plusDays(slots.get() * days / expectedChildren);
        return start.isAfter(today.minusDays(STAY_DAYS)) ? today.minusDays(STAY_DAYS) : start;
    }

    private void child(ClassSpec cls, String classId, Random random) throws Exception {
        LocalDate startsOn = nextStart();
        LocalDate birth = startsOn.minusMonths(cls.ageMonths()).plusDays(random.nextInt(cls.spreadDays() * 2 + 1)
                - cls.spreadDays());
        int serial = citizenSerial.computeIfAbsent(birth, d -> new AtomicInteger()).incrementAndGet();
        String first17 = "379901" + birth.toString().replace("-", "") + String.format("%03d", serial % 1000);
        ObjectNode register = Api.JSON.createObjectNode().put("name", "长" + (char) ('一' + random.nextInt(200)) + "宝")
                .put("citizenId", first17 + RegionPlan.citizenCheck(first17)).put("birthDate", birth.toString())
                .put("guardianName", "家长").put("guardianPhone", String.format("139-%04d-%04d", random.nextInt(10_000),
                        random.nextInt(10_000)));
        String ref = postResponse(operatorToken, "/api/v1/institutions/" + institutionId + "/children", register,
                "register child").json().get("id").asText();
        check(ref, "ENTRY", startsOn.minusDays(1));
        ObjectNode enrol = Api.JSON.createObjectNode().put("childRef", ref).put("classId", classId);
        ObjectNode contract = enrol.putObject("contract").put("serviceType", "FULL_DAY").put("startsOn", startsOn.toString())
                .put("endsOn", startsOn.plusMonths(6).toString()).put("refundStandard", "按未服务天数退还")
                .put("disputeResolution", "协商，不成向县卫健局申请调解").put("prepaidMonths", 1);
        contract.putArray("fees").addObject().put("item", "保育费").put("amountFen", 160_000).put("unit", "PER_MONTH");
        String enrolment = postResponse(operatorToken, "/api/v1/institutions/" + institutionId + "/enrolments", enrol,
                "enrol").json().get("id").asText();
        int checks = 1 + random.nextInt(4);
        for (int i = 0; i < checks; i++) {
            check(ref, "PERIODIC", startsOn.plusDays(i % 2));
        }
        LocalDate endsOn = startsOn.plusDays(1);
        try {
            post(operatorToken, "/api/v1/institutions/" + institutionId + "/enrolments/" + enrolment + "/withdraw",
                    Api.JSON.createObjectNode().put("endsOn", endsOn.toString()).put("note", "家庭搬迁"), "withdraw");
        } catch (Api.ApiException e) {
            if (!"ENROLMENT_NOT_FOUND".equals(e.code)) {
                throw e;
            }
            // the server's lifecycle ended it first (the child's last day of care lies in the past)
            endedByServer.incrementAndGet();
        }
        children.incrementAndGet();
    }

    private void check(String ref, String kind, LocalDate on) throws Exception {
        post(operatorToken, "/api/v1/children/" + ref + "/health-checks", Api.JSON.createObjectNode().put("kind", kind)
                .put("checkedOn", on.toString()).put("outcome", "NORMAL").put("details", "发育正常"), "health check");
    }

    private String joinStaff(String classId, Random random) throws Exception {
        ObjectNode body = Api.JSON.createObjectNode().put("role", "CARER").put("classId", classId)
                .put("qualification", "保育师").put("qualificationExpiresOn", today.plusMonths(6 + random.nextInt(30)).toString())
                .put("healthCertificateExpiresOn", today.plusMonths(1 + random.nextInt(12)).toString())
                .put("name", "保育员").put("phone", "138-0000-0000");
        return postResponse(operatorToken, "/api/v1/institutions/" + institutionId + "/staff", body, "staff").json()
                .get("id").asText();
    }

    private void renew(String staffRef, Random random) throws Exception {
        post(operatorToken, "/api/v1/institutions/" + institutionId + "/staff/" + staffRef + "/certificates",
                Api.JSON.createObjectNode().put("qualificationExpiresOn", today.plusYears(3).toString())
                        .put("healthCertificateExpiresOn", today.plusMonths(12 + random.nextInt(6)).toString()), "renew");
    }

    private void leave(String staffRef, Random random) throws Exception {
        post(operatorToken, "/api/v1/institutions/" + institutionId + "/staff/" + staffRef + "/departure",
                Api.JSON.createObjectNode().put("leftOn", today.toString()), "departure");
    }

    private void inspect(Random random) throws Exception {
        ObjectNode body = Api.JSON.createObjectNode().put("institutionId", institutionId).put("type", "RANDOM_SPOT_CHECK")
                .put("inspectedOn", nextStartWithoutTakingIt().toString());
        body.putArray("findings");
        body.putArray("orders");
        post(inspectorToken, "/api/v1/inspections", body, "inspection");
    }

    private void readClassIds(long position) throws Exception {
        for (int attempt = 0; attempt < 50 && !deadline.passed(); attempt++) {
            Api.Response r = api.get("/api/v1/supervision/institutions/" + institutionId + "/care?minPosition=" + position,
                    operatorToken);
            if (r.ok()) {
                classIds.clear();
                for (JsonNode c : r.json().path("classes")) {
                    classIds.put(c.get("name").asText(), c.get("classId").asText());
                }
                if (classIds.size() == CLASSES.size()) {
                    return;
                }
            }
            Thread.sleep(RegionBuilder.RETRY_PAUSE.toMillis());
        }
        throw new IllegalStateException("the long-lived institution's classes are not in its care view");
    }

    private ObjectNode filing() {
        ObjectNode f = Api.JSON.createObjectNode();
        f.put("creditCode", RegionPlan.creditCode("370811", System.nanoTime(), 999_999)).put("name", "济宁市任城区长青托育中心")
                .put("type", "CHILDCARE_CENTRE").put("division", "370811").put("address", "山东省济宁市任城区长青路1号")
                .put("contactPhone", "0537-7299999").put("mealsServed", true);
        f.putObject("location").put("latitude", 35.41).put("longitude", 116.59);
        f.putArray("serviceTypes").add("FULL_DAY");
        ArrayNode classes = f.putArray("classes");
        CLASSES.forEach(c -> classes.addObject().put("name", c.name()).put("classType", c.type()).put("places", c.places()));
        f.putArray("fees").addObject().put("item", "保育费").put("amountFen", 160_000).put("unit", "PER_MONTH");
        ArrayNode docs = f.putArray("documents");
        for (String type : List.of("FILING_FORM_AND_PLEDGE", "PREMISES_PROOF", "STAFF_CERTIFICATES", "FIRE_SAFETY_PROOF")) {
            docs.addObject().put("type", type).put("reference", "CQ-" + type);
        }
        docs.addObject().put("type", "BUSINESS_LICENCE").put("reference", f.get("creditCode").asText());
        docs.addObject().put("type", "HEALTH_EVALUATION_REPORT").put("reference", "CQ-WP")
                .put("issuedOn", today.minusMonths(6).toString()).put("qualified", true);
        docs.addObject().put("type", "FOOD_LICENCE").put("reference", "JY370811CQ");
        return f;
    }

    private void post(String token, String path, Object body, String what) throws Exception {
        postResponse(token, path, body, what);
    }

    private Api.Response postResponse(String token, String path, Object body, String what) throws Exception {
        Api.Response r = api.postWithRetry(what, path, token, Api.bytes(body), null, RegionBuilder.RETRIES,
                RegionBuilder.RETRY_PAUSE, deadline);
        commands.incrementAndGet();
        return r;
    }
}
