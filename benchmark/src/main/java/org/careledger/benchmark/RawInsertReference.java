package org.careledger.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.careledger.kernel.messaging.EventTable;

/**
 * The ingest reference: the events the HTTP ingest appended, inserted again with plain JDBC
 * batches into a scratch table of the same shape (own sequence, same unique constraints) in the
 * same PostgreSQL, one transaction per batch, committed with the server's durable settings. The
 * rows are byte-for-byte the ingested ones, with fresh event ids (and aggregate ids on later
 * rounds when more rows are needed than are held in memory).
 */
final class RawInsertReference {

    static final String TABLE = "benchmark_raw_event";
    static final int MAX_ROWS_IN_MEMORY = 150_000;

    private record Row(String aggregateId, long sequence, String type, String timestamp, String payloadType,
                       String payloadRevision, byte[] payload, byte[] metaData) {
    }

    private final Db db;

    RawInsertReference(Db db) {
        this.db = db;
    }

    Map<String, Object> run(long afterPosition, long rows, int threads, int batch, Deadline deadline) throws Exception {
        List<Row> source = load(afterPosition, (int) Math.min(rows, MAX_ROWS_IN_MEMORY));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", "JDBC batches of " + batch + " rows per transaction on " + threads + " threads into a scratch"
                + " table shaped like " + EventTable.NAME + "; the rows are copies of the events the HTTP ingest appended");
        if (source.isEmpty()) {
            m.put("rows", 0);
            return m;
        }
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + TABLE);
            s.execute("CREATE TABLE " + TABLE + " (global_index BIGSERIAL NOT NULL PRIMARY KEY,"
                    + " event_identifier VARCHAR(255) NOT NULL UNIQUE, aggregate_identifier VARCHAR(255) NOT NULL,"
                    + " sequence_number BIGINT NOT NULL, type VARCHAR(255), time_stamp VARCHAR(255) NOT NULL,"
                    + " payload_type VARCHAR(255) NOT NULL, payload_revision VARCHAR(255), payload BYTEA NOT NULL,"
                    + " meta_data BYTEA, UNIQUE (aggregate_identifier, sequence_number))");
        }
        long bytes = 0;
        for (Row r : source) {
            bytes += r.payload().length + (r.metaData() == null ? 0 : r.metaData().length);
        }
        AtomicLong next = new AtomicLong();
        AtomicLong inserted = new AtomicLong();
        Deadline bounded = deadline.within(Duration.ofMinutes(3));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t0 = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    try (Connection c = db.connect()) {
                        c.setAutoCommit(false);
                        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE + " (event_identifier,"
                                + " aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload_revision,"
                                + " payload, meta_data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                            while (!bounded.passed()) {
                                long from = next.getAndAdd(batch);
                                if (from >= rows) {
                                    break;
                                }
                                long to = Math.min(rows, from + batch);
                                for (long i = from; i < to; i++) {
                                    Row r = source.get((int) (i % source.size()));
                                    long round = i / source.size();
                                    ps.setString(1, UUID.randomUUID().toString());
                                    ps.setString(2, round == 0 ? r.aggregateId() : String.format("%04x", round) + r.aggregateId().substring(4));
                                    ps.setLong(3, r.sequence());
                                    ps.setString(4, r.type());
                                    ps.setString(5, r.timestamp());
                                    ps.setString(6, r.payloadType());
                                    ps.setString(7, r.payloadRevision());
                                    ps.setBytes(8, r.payload());
                                    ps.setBytes(9, r.metaData());
                                    ps.addBatch();
                                }
                                ps.executeBatch();
                                c.commit();
                                inserted.addAndGet(to - from);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(Math.max(1, bounded.remaining().toMillis() + 30_000), TimeUnit.MILLISECONDS);
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long tableBytes;
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT pg_total_relation_size('" + TABLE + "')")) {
                rs.next();
                tableBytes = rs.getLong(1);
            }
            s.execute("DROP TABLE " + TABLE);
        }
        m.put("rows", inserted.get());
        m.put("seconds", Report.round(seconds, 3));
        m.put("rowsPerSecond", Report.round(inserted.get() / seconds, 1));
        m.put("meanRowBytes", Report.round((double) bytes / source.size(), 1));
        m.put("tableBytesPerRow", Report.round((double) tableBytes / Math.max(1, inserted.get()), 1));
        return m;
    }

    private List<Row> load(long afterPosition, int limit) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT aggregate_identifier, sequence_number, type, time_stamp,"
                    + " payload_type, payload_revision, payload, meta_data FROM " + EventTable.NAME + " WHERE global_index > ?"
                    + " ORDER BY global_index LIMIT ?")) {
                ps.setFetchSize(1000);
                ps.setLong(1, afterPosition);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Row(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getString(6), rs.getBytes(7), rs.getBytes(8)));
                    }
                }
            }
            c.commit();
        }
        return rows;
    }
}
