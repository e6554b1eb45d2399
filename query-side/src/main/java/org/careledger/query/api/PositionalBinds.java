package org.careledger.query.api;

import java.util.List;

import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/** Binding a query's parameters, for the {@code *Queries} classes that build their SQL piece by piece. */
public final class PositionalBinds {

    private PositionalBinds() {
    }

    /** Binds positional parameters $1, $2, … in order. */
    public static GenericExecuteSpec bind(GenericExecuteSpec spec, List<Object> binds) {
        for (int i = 0; i < binds.size(); i++) {
            spec = spec.bind(i, binds.get(i));
        }
        return spec;
    }
}
