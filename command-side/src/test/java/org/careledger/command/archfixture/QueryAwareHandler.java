package org.careledger.command.archfixture;

import org.careledger.query.archfixture.QueryView;

/** Breaks the rule: a command-side class that reads a query-side type. */
public class QueryAwareHandler {

    public String handle(QueryView view) {
        return view.name();
    }
}
