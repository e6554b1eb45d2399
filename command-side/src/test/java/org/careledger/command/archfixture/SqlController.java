package org.careledger.command.archfixture;

import org.careledger.kernel.stereotype.WebAdapter;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.RestController;

/** Breaks the rule: a web adapter holding a database client. */
@RestController
@WebAdapter
public class SqlController {

    final DatabaseClient db;

    SqlController(DatabaseClient db) {
        this.db = db;
    }
}
