package org.careledger.command.filing;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.hamcrest.Matcher;

/** Matches a {@link DomainException} with a given stable code. */
public final class RefusedWith extends BaseMatcher<Throwable> {

    private final ErrorCode code;

    private RefusedWith(ErrorCode code) {
        this.code = code;
    }

    public static Matcher<Throwable> code(ErrorCode code) {
        return new RefusedWith(code);
    }

    @Override
    public boolean matches(Object actual) {
        return actual instanceof DomainException d && d.code() == code;
    }

    @Override
    public void describeTo(Description description) {
        description.appendText("a DomainException with code " + code);
    }
}
