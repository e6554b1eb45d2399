package org.careledger.infra.archfixture;

import java.sql.Connection;
import java.sql.SQLException;

import org.axonframework.spring.stereotype.Aggregate;

/** Breaks the rule: an (Axon-marked) aggregate that queries a database. */
@Aggregate
public class SqlAggregate {

    boolean decide(Connection connection) throws SQLException {
        return connection.isValid(1);
    }
}
