package org.careledger.query.ledger;

import java.time.OffsetDateTime;
import java.util.List;

import org.careledger.kernel.stereotype.ReadQueries;
import org.careledger.ledger.LedgerHashes;
import org.careledger.ledger.LedgerRoot;
import org.careledger.query.api.Page;
import org.careledger.query.api.Paging;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Reads the published roots ({@code ledger_root}, written by {@link LedgerProcessor}) with R2DBC. */
@Component
@ReadQueries
public record LedgerQueries(DatabaseClient db) {

    /** A page of the published roots, newest first. */
    Mono<Page<LedgerRoot>> roots(Paging paging) {
        Mono<List<LedgerRoot>> items = db.sql("SELECT root_id, last_global_index, link_hash, created_at, root_hash "
                        + "FROM ledger_root ORDER BY root_id DESC LIMIT " + paging.size() + " OFFSET " + paging.offset())
                .map(row -> new LedgerRoot(row.get("root_id", Long.class), row.get("last_global_index", Long.class),
                        LedgerHashes.hex(row.get("link_hash", byte[].class)),
                        row.get("created_at", OffsetDateTime.class).toInstant().toString(),
                        LedgerHashes.hex(row.get("root_hash", byte[].class))))
                .all().collectList();
        Mono<Long> total = db.sql("SELECT count(*) AS total FROM ledger_root").map(row -> row.get("total", Long.class)).one();
        return Mono.zip(items, total).map(t -> new Page<>(t.getT1(), paging.page(), paging.size(), t.getT2()));
    }

    /** The last global position a published root covers (0: none yet). */
    Mono<Long> covered() {
        return db.sql("SELECT coalesce(max(last_global_index), 0) AS covered FROM ledger_root")
                .map(row -> row.get("covered", Long.class)).one();
    }
}
