package org.careledger.benchmark;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.careledger.kernel.value.InputRules;

/**
 * The synthetic region, decided up front from a seed: institutions in real GB/T 2260 counties of
 * 山东 (济宁, 济南, 青岛) with valid GB 32100 credit codes, classes sized to their children, and
 * children whose birth months fit their class's age band on the contract's start (ClassStandard:
 * 乳儿班 6–12 months, 托小班 12–24, 托大班 24–36, mixed from 18; nobody reaching 36 months before
 * the last attendance day). Contracts start {@code days} days ago so that every attendance day
 * (from the start to yesterday) lies inside the contract and none is in the future; the entry
 * health check is a few days before the start, inside the 3-month validity.
 */
final class RegionPlan {

    private static final String CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] CREDIT_WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final int[] CITIZEN_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CITIZEN_CHECK = "10X98765432";

    record Division(String code, String name, double lat, double lng) {
        String city() {
            return code.substring(0, 4);
        }
    }

    /** Counties of three cities (GB/T 2260 codes) with approximate centres. */
    static final List<Division> DIVISIONS = List.of(
            new Division("370811", "济宁市任城区", 35.41, 116.59),
            new Division("370812", "济宁市兖州区", 35.55, 116.78),
            new Division("370826", "微山县", 34.81, 117.13),
            new Division("370827", "鱼台县", 35.01, 116.65),
            new Division("370828", "金乡县", 35.07, 116.31),
            new Division("370829", "嘉祥县", 35.41, 116.34),
            new Division("370830", "汶上县", 35.73, 116.49),
            new Division("370831", "泗水县", 35.66, 117.25),
            new Division("370832", "梁山县", 35.80, 116.10),
            new Division("370881", "曲阜市", 35.58, 116.99),
            new Division("370883", "邹城市", 35.40, 117.00),
            new Division("370102", "济南市历下区", 36.67, 117.08),
            new Division("370103", "济南市市中区", 36.65, 116.99),
            new Division("370104", "济南市槐荫区", 36.65, 116.90),
            new Division("370105", "济南市天桥区", 36.69, 116.99),
            new Division("370112", "济南市历城区", 36.68, 117.07),
            new Division("370202", "青岛市市南区", 36.07, 120.41),
            new Division("370203", "青岛市市北区", 36.09, 120.37),
            new Division("370211", "青岛市黄岛区", 35.96, 120.20),
            new Division("370212", "青岛市崂山区", 36.11, 120.47),
            new Division("370213", "青岛市李沧区", 36.15, 120.43),
            new Division("370214", "青岛市城阳区", 36.31, 120.40));

    static final List<String> NAME_WORDS = List.of("阳光", "彩虹", "童心", "爱心", "小太阳", "贝贝", "启明", "星星", "快乐",
            "蓝天", "春芽", "向日葵", "小海豚", "金苹果", "七彩", "梧桐", "晨曦", "小橡树");
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭"};
    private static final String[] GIVEN = {"小明", "欣怡", "子涵", "浩然", "梓萱", "一诺", "雨桐", "宇轩", "诗涵", "俊熙", "若汐", "沐阳"};

    enum ClassType {
        INFANT("乳儿", 10, 7, 10), YOUNG_TODDLER("托小", 15, 13, 22), OLDER_TODDLER("托大", 20, 25, 32), MIXED("混龄", 18, 19, 32);

        final String label;
        final int places;
        final int minAge;
        final int maxAge;

        ClassType(String label, int places, int minAge, int maxAge) {
            this.label = label;
            this.places = places;
            this.minAge = minAge;
            this.maxAge = maxAge;
        }
    }

    record ClassPlan(String name, ClassType type, int places) {
    }

    record ChildPlan(String name, String citizenId, LocalDate birthDate, String guardianName, String guardianPhone,
                     int classIndex, int absenceEvery) {
    }

    record InstitutionPlan(int index, Division division, String name, String creditCode, String type, double lat,
                           double lng, boolean puhui, boolean mealsServed, List<ClassPlan> classes,
                           List<ChildPlan> children) {
    }

    final LocalDate today;
    final LocalDate contractStart;
    final LocalDate contractEnd;
    final LocalDate entryCheckOn;
    final int days;
    final List<InstitutionPlan> institutions;

    private RegionPlan(LocalDate today, int days, List<InstitutionPlan> institutions) {
        this.today = today;
        this.days = days;
        this.contractStart = today.minusDays(days);
        this.contractEnd = today.plusYears(1);
        this.entryCheckOn = contractStart.minusDays(5);
        this.institutions = institutions;
    }

    /** Attendance days: from the contracts' start to yesterday, {@code days} of them. */
    List<LocalDate> attendanceDays() {
        List<LocalDate> list = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            list.add(contractStart.plusDays(i));
        }
        return list;
    }

    int childCount() {
        return institutions.stream().mapToInt(i -> i.children().size()).sum();
    }

    static RegionPlan build(int institutionCount, int childCount, int days, long seed, long runNonce) {
        if (days > 300) {
            throw new Options.UsageException("--days may be at most 300 (children must stay under 36 months)");
        }
        LocalDate today = InputRules.today();
        Random random = new Random(seed);
        LocalDate start = today.minusDays(days);
        // the oldest child may reach at most 35 months by today
        int monthsElapsed = (int) java.time.temporal.ChronoUnit.MONTHS.between(YearMonth.from(start), YearMonth.from(today));
        int ageCap = 35 - monthsElapsed;
        Map<String, Integer> citizenSequence = new HashMap<>();
        String[] types = {"CHILDCARE_CENTRE", "CHILDCARE_CENTRE", "KINDERGARTEN_NURSERY", "COMMUNITY", "EMPLOYER_SPONSORED"};
        String[] suffix = {"托育中心", "托育中心", "幼儿园托班", "社区托育驿站", "职工托育园"};
        List<InstitutionPlan> list = new ArrayList<>();
        for (int i = 0; i < institutionCount; i++) {
            Division d = DIVISIONS.get(i % DIVISIONS.size());
            int kind = random.nextInt(types.length);
            String word = NAME_WORDS.get(random.nextInt(NAME_WORDS.size()));
            String name = d.name() + word + suffix[kind] + (i / DIVISIONS.size() > 0 ? "第" + (i / DIVISIONS.size() + 1) + "园" : "");
            int children = childCount / institutionCount + (i < childCount % institutionCount ? 1 : 0);
            List<ClassPlan> classes = classesFor(children);
            List<int[]> assigned = new ArrayList<>();
            for (int c = 0; c < classes.size(); c++) {
                assigned.add(new int[] {0});
            }
            List<ChildPlan> kids = new ArrayList<>();
            for (int k = 0; k < children; k++) {
                int best = 0;
                for (int c = 1; c < classes.size(); c++) {
                    if (classes.get(c).places() - assigned.get(c)[0] > classes.get(best).places() - assigned.get(best)[0]) {
                        best = c;
                    }
                }
                assigned.get(best)[0]++;
                ClassType type = classes.get(best).type();
                int maxAge = Math.min(type.maxAge, ageCap);
                int minAge = Math.min(type.minAge, maxAge);
                int age = minAge + random.nextInt(maxAge - minAge + 1);
                YearMonth birthMonth = YearMonth.from(start).minusMonths(age);
                LocalDate birth = birthMonth.atDay(1 + random.nextInt(28));
                String area = d.city() + String.format("%02d", 1 + (int) Math.floorMod(runNonce + k, 99));
                String key = area + birth;
                int seq = citizenSequence.merge(key, 1, Integer::sum);
                String first17 = area + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", seq);
                String surname = SURNAMES[random.nextInt(SURNAMES.length)];
                kids.add(new ChildPlan(surname + GIVEN[random.nextInt(GIVEN.length)], first17 + citizenCheck(first17), birth,
                        surname + "先生", String.format("138-%04d-%04d", random.nextInt(10_000), random.nextInt(10_000)),
                        best, 8 + random.nextInt(20)));
            }
            double lat = d.lat() + (random.nextDouble() - 0.5) * 0.1;
            double lng = d.lng() + (random.nextDouble() - 0.5) * 0.1;
            list.add(new InstitutionPlan(i, d, name, creditCode(d.code(), runNonce, i), types[kind], round(lat), round(lng),
                    random.nextInt(10) < 4, random.nextInt(10) < 8, classes, kids));
        }
        return new RegionPlan(today, days, list);
    }

    /**
     * Classes of every type in turn until the places hold the children with about 10% to spare
     * (so the white-list shows vacancies); at least one class of each of three types.
     */
    static List<ClassPlan> classesFor(int children) {
        ClassType[] cycle = {ClassType.INFANT, ClassType.YOUNG_TODDLER, ClassType.OLDER_TODDLER, ClassType.MIXED};
        List<ClassPlan> classes = new ArrayList<>();
        int places = 0;
        int needed = (int) Math.ceil(children * 1.1) + 1;
        String[] numbers = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
        Map<ClassType, Integer> perType = new HashMap<>();
        for (int i = 0; places < needed || classes.size() < 3; i++) {
            ClassType t = cycle[i % cycle.length];
            int n = perType.merge(t, 1, Integer::sum);
            String number = n <= numbers.length ? numbers[n - 1] : Integer.toString(n);
            classes.add(new ClassPlan(t.label + number + "班", t, t.places));
            places += t.places;
        }
        return classes;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    /** A GB 32100 credit code: 9 (other), 1 (enterprise), the division, 9 characters, the check character. */
    static String creditCode(String division, long runNonce, int index) {
        long n = Math.floorMod(runNonce * 1_000_003L + index, 887_503_681L); // 31^6
        StringBuilder body = new StringBuilder("91").append(division).append("MA");
        char[] digits = new char[7];
        for (int i = 6; i >= 0; i--) {
            digits[i] = CREDIT_ALPHABET.charAt((int) (n % 31));
            n /= 31;
        }
        body.append(digits);
        String first17 = body.toString();
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += CREDIT_ALPHABET.indexOf(first17.charAt(i)) * CREDIT_WEIGHTS[i];
        }
        int check = 31 - (sum % 31);
        return first17 + CREDIT_ALPHABET.charAt(check == 31 ? 0 : check);
    }

    static char citizenCheck(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * CITIZEN_WEIGHTS[i];
        }
        return CITIZEN_CHECK.charAt(sum % 11);
    }
}
