package org.careledger.infra.archfixture;

import org.careledger.kernel.stereotype.WebAdapter;

/** Breaks the rule: a controller using only a type nested in another controller. */
@WebAdapter
public class NestedTypeController {

    String shown(AnswerController.Answer answer) {
        return answer.value();
    }
}
