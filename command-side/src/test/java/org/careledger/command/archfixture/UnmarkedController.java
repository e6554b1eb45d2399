package org.careledger.command.archfixture;

import org.springframework.web.bind.annotation.RestController;

/** Breaks the rule: a controller without {@code @WebAdapter}, which the web-adapter rules would not see. */
@RestController
public class UnmarkedController {
}
