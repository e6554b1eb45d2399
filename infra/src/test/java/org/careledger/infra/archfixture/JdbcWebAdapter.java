package org.careledger.infra.archfixture;

import org.careledger.kernel.stereotype.WebAdapter;
import org.springframework.jdbc.core.JdbcTemplate;

/** Breaks the rule: a web adapter holding a JDBC template. */
@WebAdapter
public class JdbcWebAdapter {

    final JdbcTemplate jdbc;

    JdbcWebAdapter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }
}
