package org.careledger.kernel.security;

/** Roles of API.md. SYSTEM is used by the application's own processes (demo loader, sagas). */
public enum Role {
    /** An institution's own staff or software; bound to one institution. */
    OPERATOR,
    /** Health-commission inspector; bound to a jurisdiction (division-code prefix). */
    INSPECTOR,
    /** Subsidy officer; bound to a jurisdiction. */
    SUBSIDY_OFFICER,
    /** Administrator: every jurisdiction. */
    ADMIN,
    /** The application itself. */
    SYSTEM
}
