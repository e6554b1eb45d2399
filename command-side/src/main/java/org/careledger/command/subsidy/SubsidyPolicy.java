package org.careledger.command.subsidy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Map;

import org.careledger.kernel.subsidy.SubsidyKind;

/**
 * One version of a local subsidy policy, read from a JSON file (docs/subsidies.md): where it
 * applies (a division-code prefix and, optionally, a configured local zone inside it: docs/domain.md,
 * rule F7), from when to when, its kind, its source document, how money is
 * rounded, how a partial month counts (monthly kinds), the eligibility it demands, and the
 * parameters of its formula. Money is integer fen; each basis item is rounded once, by
 * {@link #rounding}, and the decision is the sum of its items (docs/domain.md, rules S4 and S5).
 */
public record SubsidyPolicy(String policyId, int version, String jurisdiction, SubsidyKind kind, LocalDate effectiveFrom,
                            LocalDate effectiveTo, String source, Rounding rounding, boolean requiresPuhui,
                            SuspensionRule suspension, Parameters parameters, PartialMonth partialMonth, String zone) {

    /** A policy without a stated partial-month rule (one-off kinds; monthly kinds in tests): whole months. */
    public SubsidyPolicy(String policyId, int version, String jurisdiction, SubsidyKind kind, LocalDate effectiveFrom,
                         LocalDate effectiveTo, String source, Rounding rounding, boolean requiresPuhui,
                         SuspensionRule suspension, Parameters parameters) {
        this(policyId, version, jurisdiction, kind, effectiveFrom, effectiveTo, source, rounding, requiresPuhui,
                suspension, parameters, null, null);
    }

    /** A policy of a whole jurisdiction (no local zone). */
    public SubsidyPolicy(String policyId, int version, String jurisdiction, SubsidyKind kind, LocalDate effectiveFrom,
                         LocalDate effectiveTo, String source, Rounding rounding, boolean requiresPuhui,
                         SuspensionRule suspension, Parameters parameters, PartialMonth partialMonth) {
        this(policyId, version, jurisdiction, kind, effectiveFrom, effectiveTo, source, rounding, requiresPuhui,
                suspension, parameters, partialMonth, null);
    }

    /** The same policy restricted to a local zone (tests). */
    public SubsidyPolicy inZone(String zoneId) {
        return new SubsidyPolicy(policyId, version, jurisdiction, kind, effectiveFrom, effectiveTo, source, rounding,
                requiresPuhui, suspension, parameters, partialMonth, zoneId);
    }

    /**
     * How a month only partly inside the period (or the enrolment) counts, for the monthly kinds
     * (OPERATING, RENT_REDUCTION); docs/domain.md rule S3.
     */
    public enum PartialMonth {
        /**
         * A month counts whole or not at all (the policy's day minimums decide); the period must then
         * consist of whole calendar months, so that no month is split between two cases.
         */
        WHOLE_MONTH,
        /** A month counts by its days: days counted ÷ days in that calendar month. */
        BY_DAYS
    }

    /** The partial-month rule in effect (whole months when the file states none). */
    public PartialMonth partialMonthRule() {
        return partialMonth == null ? PartialMonth.WHOLE_MONTH : partialMonth;
    }

    /** How a computed total becomes money. */
    public enum Rounding {
        HALF_UP_FEN(0, RoundingMode.HALF_UP), DOWN_FEN(0, RoundingMode.DOWN),
        HALF_UP_YUAN(2, RoundingMode.HALF_UP), DOWN_YUAN(2, RoundingMode.DOWN);

        private final int fenDigits;
        private final RoundingMode mode;

        Rounding(int fenDigits, RoundingMode mode) {
            this.fenDigits = fenDigits;
            this.mode = mode;
        }

        /** An exact amount in fen, rounded to whole fen or whole yuan. */
        public long apply(BigDecimal fen) {
            return fen.movePointLeft(fenDigits).setScale(0, mode).movePointRight(fenDigits).longValueExact();
        }

        /** The exact amount {@code numerator / denominator} fen, rounded once to whole fen or whole yuan. */
        public long apply(java.math.BigInteger numerator, java.math.BigInteger denominator) {
            BigDecimal unit = BigDecimal.TEN.pow(fenDigits);
            return new BigDecimal(numerator).divide(new BigDecimal(denominator).multiply(unit), 0, mode).multiply(unit)
                    .longValueExact();
        }
    }

    /** What a suspension of the filing during the period does. */
    public enum SuspensionRule { PRORATE, REFUSE }

    /**
     * Formula parameters; each kind uses its own.
     *
     * @param ratesPerChildYearFen     OPERATING: yearly rate per child by class type, key DEFAULT for the rest
     * @param minEnrolledDaysPerMonth  OPERATING: a month counts for a child enrolled at least this many days in it
     * @param minAttendedDaysPerMonth  OPERATING: … and present at least this many days (0: attendance not needed)
     * @param perPlaceFen              CONSTRUCTION: per approved place
     * @param amountsByLevelFen        DEMONSTRATION: award by designation level (MUNICIPAL, PROVINCIAL, NATIONAL)
     * @param thresholdPercent         UTILISATION_INCENTIVE: actual utilisation at least this
     * @param minChainSize             CHAIN_INCENTIVE: filed institutions in the chain, this one included
     * @param amountFen                UTILISATION_INCENTIVE, CHAIN_INCENTIVE: the award
     * @param rentFenPerSquareMetreMonth RENT_REDUCTION: reduction per square metre and month
     * @param maxSquareMetresPerPlace  RENT_REDUCTION: area counted at most per approved place
     */
    public record Parameters(Map<String, Long> ratesPerChildYearFen, Integer minEnrolledDaysPerMonth,
                             Integer minAttendedDaysPerMonth, Long perPlaceFen, Map<String, Long> amountsByLevelFen,
                             Integer thresholdPercent, Integer minChainSize, Long amountFen,
                             Long rentFenPerSquareMetreMonth, Integer maxSquareMetresPerPlace) {
    }

    /** Whether this version is in force on the day. */
    boolean inForceOn(LocalDate day) {
        return !effectiveFrom.isAfter(day) && (effectiveTo == null || !effectiveTo.isBefore(day));
    }

    /** Checks that the file says everything its kind needs; a broken file stops the application at start. */
    void validate(String file) {
        StringBuilder missing = new StringBuilder();
        require(missing, policyId != null && !policyId.isBlank(), "policyId");
        require(missing, version > 0, "version ≥ 1");
        require(missing, jurisdiction != null && jurisdiction.matches("\\d{0,6}"), "jurisdiction (division-code prefix)");
        require(missing, kind != null, "kind");
        require(missing, effectiveFrom != null, "effectiveFrom");
        require(missing, effectiveTo == null || effectiveFrom == null || !effectiveTo.isBefore(effectiveFrom),
                "effectiveTo on or after effectiveFrom");
        require(missing, source != null && !source.isBlank(), "source");
        require(missing, rounding != null, "rounding");
        require(missing, suspension != null, "suspension");
        require(missing, parameters != null, "parameters");
        if (kind != null && parameters != null) {
            switch (kind) {
                case OPERATING -> {
                    require(missing, parameters.ratesPerChildYearFen() != null && !parameters.ratesPerChildYearFen().isEmpty(),
                            "parameters.ratesPerChildYearFen");
                    require(missing, parameters.minEnrolledDaysPerMonth() != null, "parameters.minEnrolledDaysPerMonth");
                    require(missing, parameters.minAttendedDaysPerMonth() != null, "parameters.minAttendedDaysPerMonth");
                    require(missing, partialMonth != null, "partialMonth (WHOLE_MONTH or BY_DAYS)");
                }
                case CONSTRUCTION -> require(missing, parameters.perPlaceFen() != null, "parameters.perPlaceFen");
                case DEMONSTRATION -> require(missing, parameters.amountsByLevelFen() != null
                        && !parameters.amountsByLevelFen().isEmpty(), "parameters.amountsByLevelFen");
                case UTILISATION_INCENTIVE -> {
                    require(missing, parameters.thresholdPercent() != null, "parameters.thresholdPercent");
                    require(missing, parameters.amountFen() != null, "parameters.amountFen");
                }
                case CHAIN_INCENTIVE -> {
                    require(missing, parameters.minChainSize() != null, "parameters.minChainSize");
                    require(missing, parameters.amountFen() != null, "parameters.amountFen");
                }
                case RENT_REDUCTION -> {
                    require(missing, parameters.rentFenPerSquareMetreMonth() != null,
                            "parameters.rentFenPerSquareMetreMonth");
                    require(missing, parameters.maxSquareMetresPerPlace() != null, "parameters.maxSquareMetresPerPlace");
                    require(missing, partialMonth != null, "partialMonth (WHOLE_MONTH or BY_DAYS)");
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("subsidy policy file " + file + " lacks: " + missing);
        }
    }

    private static void require(StringBuilder missing, boolean ok, String what) {
        if (!ok) {
            missing.append(missing.isEmpty() ? "" : ", ").append(what);
        }
    }
}
