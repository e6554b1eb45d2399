package org.careledger.infra.input;

import java.util.UUID;

import org.careledger.infra.support.EventRows;
import org.careledger.infra.support.IntegrationTest;
import org.careledger.infra.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The input tests' common ground: an operator of a fresh institution, and the event store to count what was written. */
abstract class OperatorInputTest extends IntegrationTest {

    @Autowired
    WebTestClient client;
    @Autowired
    JdbcTemplate jdbc;

    Tokens tokens;
    EventRows events;
    String institutionId;
    String operator;

    @BeforeEach
    void operatorOfAFreshInstitution() {
        tokens = new Tokens(client);
        events = new EventRows(jdbc);
        institutionId = UUID.randomUUID().toString();
        operator = tokens.operator(institutionId);
    }
}
