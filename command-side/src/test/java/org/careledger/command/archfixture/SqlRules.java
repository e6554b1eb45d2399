package org.careledger.command.archfixture;

import java.sql.Connection;
import java.sql.SQLException;

/** Breaks the rule: rules that look facts up in the database themselves. */
public final class SqlRules {

    public static boolean open(Connection connection) throws SQLException {
        return !connection.isClosed();
    }

    private SqlRules() {
    }
}
