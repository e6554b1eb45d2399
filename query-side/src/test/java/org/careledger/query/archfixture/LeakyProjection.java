package org.careledger.query.archfixture;

import org.careledger.kernel.stereotype.Projection;

/** Breaks the rule: a projection that reaches into a controller. */
@Projection
public class LeakyProjection {

    String stored(SqlController controller) {
        return controller.toString();
    }
}
