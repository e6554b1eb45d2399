package org.careledger.infra.archfixture;

import java.io.File;

import org.careledger.kernel.stereotype.AggregateRoot;

/** Breaks the rule: an aggregate that reads a file. */
@AggregateRoot
public class FileReadingAggregate {

    boolean decide(String path) {
        return new File(path).exists();
    }
}
