package org.careledger.kernel.enrolment;

/**
 * What the enrolment handler answers when it refused a child who already holds an active
 * enrolment: the attempt itself was recorded ({@link DoubleEnrolmentAttempted}), so the refusal
 * is an answer rather than an exception (an exception would roll the record back).
 */
public record DoubleEnrolmentRefusal(String childRef) {
}
