package org.careledger.infra.web;

import java.util.ArrayList;
import java.util.List;

/** Walks a failure's cause chain, bounded and safe against cycles: the one home for it. */
public final class Causes {

    private static final int MAX_DEPTH = 20;

    private Causes() {
    }

    /** The failure and its causes, outermost first. */
    public static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable current = failure; current != null && chain.size() < MAX_DEPTH && !chain.contains(current);
                current = current.getCause()) {
            chain.add(current);
        }
        return chain;
    }

    /** The outermost cause of the type, or null. */
    public static <T extends Throwable> T first(Throwable failure, Class<T> type) {
        return chain(failure).stream().filter(type::isInstance).map(type::cast).findFirst().orElse(null);
    }

    /** The innermost cause of the type, or null. */
    public static <T extends Throwable> T last(Throwable failure, Class<T> type) {
        List<Throwable> chain = chain(failure);
        T found = null;
        for (Throwable t : chain) {
            if (type.isInstance(t)) {
                found = type.cast(t);
            }
        }
        return found;
    }

    public static boolean has(Throwable failure, Class<? extends Throwable> type) {
        return first(failure, type) != null;
    }
}
