package org.careledger.query.archfixture;

/** A stand-in for a query-side type, for the command-side rules' fixture (test only). */
public record QueryView(String name) {
}
