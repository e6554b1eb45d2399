package org.careledger.query.archfixture;

import org.springframework.web.bind.annotation.RestController;

/** Breaks the rule: a controller without the web-adapter stereotype. */
@RestController
public class UnmarkedController {
}
