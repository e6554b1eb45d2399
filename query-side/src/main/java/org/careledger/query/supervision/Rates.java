package org.careledger.query.supervision;

/** The rates supervision reports, rounded the same way everywhere. */
final class Rates {

    private Rates() {
    }

    /** part ÷ whole to four decimals; null when the whole is zero. */
    static Double share(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 10_000.0 / whole) / 10_000.0;
    }
}
