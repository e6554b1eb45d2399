package org.careledger.infra.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.Serializer;
import org.careledger.infra.support.Filings;
import org.careledger.kernel.filing.FilingAmended;
import org.careledger.kernel.filing.FilingApproved;
import org.careledger.kernel.filing.FilingRevoked;
import org.careledger.kernel.filing.FilingSubmitted;
import org.careledger.kernel.filing.FilingSuspended;
import org.careledger.kernel.filing.InstitutionEvent;
import org.careledger.kernel.id.FilingNumber;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.value.CreditCode;
import org.careledger.kernel.value.DivisionCode;
import org.careledger.kernel.value.Fee;
import org.careledger.kernel.value.FeeUnit;
import org.careledger.kernel.value.GeoPoint;
import org.careledger.kernel.value.InstitutionType;
import org.careledger.kernel.value.ServiceType;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes institution histories straight into the event store, each event with the timestamp it
 * is given, as the command side would have written them then: so that a test can have a register
 * with a past (the command side stamps every event with the present) and a thousand institutions
 * without a thousand round trips. Serialised with the application's event serializer.
 */
final class RegisterSeed {

    static final String DIVISION = "110105";
    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime() % 400_000 + 1);

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Object[]> rows = new ArrayList<>();
    private final Map<String, Integer> sequences = new LinkedHashMap<>();

    RegisterSeed(JdbcTemplate jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    static String freshFilingNumber() {
        return FilingNumber.of(DivisionCode.parse(DIVISION), 2020, SERIAL.incrementAndGet()).value();
    }

    String submitted(String id, String name, Instant at) {
        add(new FilingSubmitted(new InstitutionId(id), CreditCode.parse(Filings.freshCreditCode()), true, name,
                InstitutionType.CHILDCARE_CENTRE, DivisionCode.parse(DIVISION), "北京市朝阳区" + name.length() + "号",
                new GeoPoint(39.92, 116.44), "010-65000000", false, Set.of(ServiceType.FULL_DAY, ServiceType.HOURLY),
                List.of(new Fee("保育费", 250000, FeeUnit.PER_MONTH)), List.of(), at), at);
        return id;
    }

    String approved(String id, Instant at) {
        String number = freshFilingNumber();
        add(new FilingApproved(new InstitutionId(id), FilingNumber.parse(number), DivisionCode.parse(DIVISION), at), at);
        return number;
    }

    void amended(String id, String name, Instant at) {
        add(new FilingAmended(new InstitutionId(id), name, "北京市朝阳区新址", new GeoPoint(39.93, 116.45), "010-65000001",
                false, Set.of(ServiceType.FULL_DAY), List.of(new Fee("保育费", 260000, FeeUnit.PER_MONTH)), List.of(),
                "更名", false, at), at);
    }

    void suspended(String id, Instant at) {
        add(new FilingSuspended(new InstitutionId(id), "消防检查不合格", at), at);
    }

    void revoked(String id, Instant at) {
        add(new FilingRevoked(new InstitutionId(id), "逾期未整改", at), at);
    }

    /** Appends what was added in one transaction; answers the global index of the last event. */
    long write() {
        jdbc.batchUpdate("INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, "
                + "time_stamp, payload_type, payload_revision, payload, meta_data) VALUES (?, ?, ?, 'Institution', ?, ?, '1', ?, ?)",
                rows);
        rows.clear();
        Long last = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        return last == null ? 0 : last;
    }

    private void add(InstitutionEvent event, Instant at) {
        String id = event.institutionId().value();
        int sequence = sequences.merge(id, 0, (a, b) -> a + 1);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("institutionId", id);
        meta.put("jurisdiction", DIVISION);
        meta.put("correlationId", UUID.randomUUID().toString());
        meta.put("actorRole", "ADMIN");
        try {
            rows.add(new Object[] {UUID.randomUUID().toString(), id, sequence, at.toString(), event.getClass().getName(),
                    serializer.serialize(event, byte[].class).getData(), json.writeValueAsBytes(meta)});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
