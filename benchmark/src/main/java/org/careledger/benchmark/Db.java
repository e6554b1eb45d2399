package org.careledger.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.careledger.kernel.messaging.EventTable;

/** JDBC access to the server's PostgreSQL, for counting events and for the references. */
record Db(String url, String user, String password) {

    /** Without the password. */
    @Override
    public String toString() {
        return "Db[" + url + ", " + user + "]";
    }

    Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null && !password.isEmpty()) {
            p.setProperty("password", password);
        }
        p.setProperty("ApplicationName", "careledger-benchmark");
        return DriverManager.getConnection(url, p);
    }

    long queryLong(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    long eventCount() throws SQLException {
        return queryLong("SELECT count(*) FROM " + EventTable.NAME);
    }

    long headPosition() throws SQLException {
        return queryLong("SELECT coalesce(max(global_index), 0) FROM " + EventTable.NAME);
    }
}
