package org.careledger.query.archfixture;

import org.axonframework.config.ProcessingGroup;

/** Breaks the rule: a processing group without the projection stereotype. */
@ProcessingGroup("unmarked")
public class UnmarkedProjection {
}
