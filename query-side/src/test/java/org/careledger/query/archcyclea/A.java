package org.careledger.query.archcyclea;

import org.careledger.query.archcycleb.B;

/** Half of a package cycle: archcyclea imports archcycleb. */
public class A {

    B b;
}
