package org.careledger.infra.archfixture;

import org.careledger.kernel.stereotype.WebAdapter;

/**
 * Keeps the rule: a controller with a type of its own (which it may use); the others lean on it.
 * Only the stereotype marks these fixtures as controllers: a Spring one would be served by every
 * application test (the application scans org.careledger).
 */
@WebAdapter
public class AnswerController {

    /** Its answer. */
    public record Answer(String value) {
    }

    public Answer answer(String asOf, Object response) {
        return new Answer(asOf);
    }
}
