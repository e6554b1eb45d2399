package org.careledger.infra.archfixture;

import org.careledger.kernel.stereotype.WebAdapter;

/** Breaks the rule: a controller calling another controller's handler with null parameters. */
@WebAdapter
public class LeaningController {

    private final AnswerController other;

    LeaningController(AnswerController other) {
        this.other = other;
    }

    public String page() {
        return other.answer(null, null).value();
    }
}
