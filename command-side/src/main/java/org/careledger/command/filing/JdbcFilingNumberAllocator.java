package org.careledger.command.filing;

import org.careledger.kernel.value.DivisionCode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link FilingNumberAllocator} over table {@code filing_number_serial}: the upsert locks the
 * (division, year) row until the command's transaction ends, so serials are gap-free and unique.
 */
@Component
class JdbcFilingNumberAllocator implements FilingNumberAllocator {

    private final JdbcTemplate jdbc;

    JdbcFilingNumberAllocator(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long nextSerial(DivisionCode division, int year) {
        Long serial = jdbc.queryForObject("""
                INSERT INTO filing_number_serial (division_code, year, last_serial) VALUES (?, ?, 1)
                ON CONFLICT (division_code, year) DO UPDATE SET last_serial = filing_number_serial.last_serial + 1
                RETURNING last_serial""", Long.class, division.value(), year);
        return serial == null ? 1 : serial;
    }
}
