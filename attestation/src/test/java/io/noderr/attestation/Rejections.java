package io.noderr.attestation;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts evidence is rejected for the right reason (the reason is what the node is told). */
public final class Rejections {

  private Rejections() {}

  public static void assertRejected(ThrowingCallable call, AttestationException.Reason reason) {
    assertThatThrownBy(call)
        .isInstanceOf(AttestationException.class)
        .extracting(e -> ((AttestationException) e).reason())
        .isEqualTo(reason);
  }
}
