package org.careledger.command.licence;

import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.value.CreditCode;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The SQL of the e-license notification endpoint (R2DBC, never blocking the event loop): spending a
 * platform's nonce ({@code elicense_nonce}), keeping notifications about unknown credit codes
 * ({@code elicense_unmatched_notification}) and finding the institution of a credit code in the
 * command side's directory ({@code institution_credit_code}).
 */
@Component
public class LicenceNotificationQueries {

    private final DatabaseClient db;

    public LicenceNotificationQueries(DatabaseClient db) {
        this.db = db;
    }

    /** Records the platform's nonce; true the first time, false when it was used before. */
    public Mono<Boolean> spendNonce(String platform, String nonce) {
        return db.sql("INSERT INTO elicense_nonce (platform_id, nonce) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .bind(0, platform).bind(1, nonce).fetch().rowsUpdated()
                .map(inserted -> inserted == 1);
    }

    /**
     * Keeps a notification about a credit code no institution holds, once per platform and
     * notification id; true the first time, false for a repeated delivery.
     */
    public Mono<Boolean> recordUnmatched(String platform, String notificationId, CreditCode creditCode, String change) {
        return db.sql("INSERT INTO elicense_unmatched_notification (platform_id, notification_id, credit_code, change) "
                        + "VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
                .bind(0, platform).bind(1, notificationId).bind(2, creditCode.value()).bind(3, change)
                .fetch().rowsUpdated()
                .map(inserted -> inserted == 1);
    }

    /** The institution registered with this credit code, if any. */
    public Mono<InstitutionId> institutionOf(CreditCode creditCode) {
        return db.sql("SELECT institution_id FROM institution_credit_code WHERE credit_code = $1")
                .bind(0, creditCode.value())
                .map((row, meta) -> new InstitutionId(row.get("institution_id", String.class)))
                .one();
    }
}
