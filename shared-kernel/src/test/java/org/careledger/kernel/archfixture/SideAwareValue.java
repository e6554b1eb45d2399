package org.careledger.kernel.archfixture;

import org.careledger.command.archfixture.CommandSideType;

/** Breaks the rule: a kernel class that knows a type of the command side. */
public record SideAwareValue(CommandSideType command) {
}
