package org.careledger.query.archcycleb;

import org.careledger.query.archcyclea.A;

/** The other half: archcycleb imports archcyclea. */
public class B {

    A a;
}
