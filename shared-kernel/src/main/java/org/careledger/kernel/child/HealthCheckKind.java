package org.careledger.kernel.child;

/**
 * Kinds of health check for children in care (《托育机构管理规范（试行）》, national, 2019): the entry
 * check before enrolment (入托体检), periodic checks (children aged 1-3 twice a year, six months
 * apart), and the re-check after an absence of more than three months.
 */
public enum HealthCheckKind { ENTRY, PERIODIC, RETURN_AFTER_ABSENCE }
