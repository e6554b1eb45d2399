package org.careledger.query.pages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.FieldViolation;
import org.careledger.kernel.value.ClassType;
import org.careledger.kernel.value.InputRules;
import org.careledger.kernel.value.InstitutionType;

/**
 * The Chinese words the pages show for the API's codes (statuses, types, outcomes), in one place.
 * A code without a word is shown as it is, so a value added later still shows.
 */
public final class Labels {

    public static final Labels INSTANCE = new Labels();

    /**
     * Class types as families know them (乳儿班, 托小班, 托大班, 混龄班). The pages' own words: the
     * kernel's {@link ClassType#label()} (混合班) is written into subsidy decisions' bases, which
     * must reproduce byte for byte, so it stays as it is.
     */
    private static final Map<ClassType, String> CLASS_TYPES = classTypeWords();
    private static final Map<String, String> CLASS_TYPE_CHOICES = choices(ClassType.values(), CLASS_TYPES::get);
    private static final Map<String, String> INSTITUTION_TYPE_CHOICES = choices(InstitutionType.values(), InstitutionType::label);
    private static final Map<String, String> PUHUI_CHOICES = ordered("true", "普惠性机构", "false", "非普惠机构");
    private static final Map<String, String> SERVICE_TYPES = ordered(
            "FULL_DAY", "全日托", "HALF_DAY", "半日托", "HOURLY", "计时托", "OCCASIONAL", "临时托", "BOARDING", "寄宿");
    private static final Map<String, String> WORDS = ordered(
            // filing status
            "FILED", "已备案", "SUSPENDED", "已暂停", "REVOKED", "已撤销", "DEREGISTERED", "已注销",
            // certificate status
            "VALID", "有效",
            // inspection outcome
            "PASSED", "合格", "FINDINGS_NOTED", "发现问题（无需整改）", "RECTIFICATION_REQUIRED", "责令整改",
            // finding category and severity
            "FIRE_SAFETY", "消防安全", "FOOD_SAFETY", "食品安全", "DISEASE_CONTROL", "卫生防疫", "PREMISES", "场地设施",
            "STAFFING", "人员配备", "RECORDS", "记录台账", "MINOR", "一般", "MAJOR", "较重", "SERIOUS", "严重",
            // fee units
            "PER_MONTH", "每月", "PER_DAY", "每天", "PER_HOUR", "每小时", "ONE_OFF", "一次性");
    private static final Map<String, String> FIELDS = ordered("division", "区县", "type", "机构类型", "puhui", "普惠",
            "classType", "班型", "serviceType", "服务类型", "q", "名称", "near", "位置", "radiusKm", "范围",
            "page", "页码", "size", "每页条数");

    private Labels() {
    }

    private static Map<ClassType, String> classTypeWords() {
        Map<ClassType, String> words = new java.util.EnumMap<>(ClassType.class);
        for (ClassType c : ClassType.values()) {
            words.put(c, switch (c) {
                case INFANT -> "乳儿班";
                case YOUNG_TODDLER -> "托小班";
                case OLDER_TODDLER -> "托大班";
                case MIXED -> "混龄班";
            });
        }
        return java.util.Collections.unmodifiableMap(words);
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static <E extends Enum<E>> Map<String, String> choices(E[] codes, java.util.function.Function<E, String> words) {
        Map<String, String> map = new LinkedHashMap<>();
        for (E code : codes) {
            map.put(code.name(), words.apply(code));
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    /** The word for a code, or the code itself. */
    public String word(Object code) {
        if (code == null) {
            return "";
        }
        String name = code instanceof Enum<?> e ? e.name() : code.toString();
        if (code instanceof ClassType c) {
            return CLASS_TYPES.get(c);
        }
        if (code instanceof InstitutionType t) {
            return t.label();
        }
        return WORDS.getOrDefault(name, SERVICE_TYPES.getOrDefault(name, name));
    }

    /** The search page's pickers (fields.html :: choice): the value sent for each choice, and its words. */
    public Map<String, String> classTypes() {
        return CLASS_TYPE_CHOICES;
    }

    public Map<String, String> institutionTypes() {
        return INSTITUTION_TYPE_CHOICES;
    }

    public Map<String, String> puhuiChoices() {
        return PUHUI_CHOICES;
    }

    /** Radii the search page offers, in km (the search allows up to 50; the default is 5). */
    public List<String> radii() {
        return List.of("1", "3", "10", "20", "50");
    }

    public Map<String, String> serviceTypes() {
        return SERVICE_TYPES;
    }

    /** A date as a family reads it ("2026年12月2日"); an instant on the date it was in China. */
    public String date(Object value) {
        java.time.LocalDate d = value instanceof java.time.Instant i ? i.atZone(InputRules.ZONE).toLocalDate()
                : value instanceof java.time.LocalDate l ? l : null;
        return d == null ? "" : d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }

    /** Whether a deadline has passed (today in China). */
    public boolean overdue(java.time.LocalDate deadline) {
        return deadline != null && deadline.isBefore(InputRules.today());
    }

    /** A fee in yuan, "1,800.00 元". */
    public String yuan(long fen) {
        return String.format("%,d.%02d 元", fen / 100, Math.abs(fen % 100));
    }

    /** What a refused search means, field by field, in words a family understands. */
    static List<String> problemsOf(DomainException e) {
        List<String> out = new ArrayList<>();
        for (FieldViolation v : e.violations()) {
            out.add(FIELDS.getOrDefault(v.field(), v.field()) + "：" + switch (v.code()) {
                case "TOO_LONG" -> "太长了";
                case "OUT_OF_RANGE" -> "超出范围";
                case "UNKNOWN_VALUE" -> "不是可选的值";
                case "INVALID_LOCATION" -> "应为“纬度,经度”，例如 35.41,116.59";
                case "REQUIRED" -> "需要先填写位置";
                default -> "无效";
            });
        }
        if (out.isEmpty()) {
            out.add("查询条件无效，请修改后重试。");
        }
        return out;
    }
}
