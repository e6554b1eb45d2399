package org.careledger.command.archfixture;

/** A stand-in for a command-side type, for the kernel rules' fixture (test only). */
public record CommandSideType(String name) {
}
