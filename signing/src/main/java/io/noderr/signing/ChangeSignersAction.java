package io.noderr.signing;

import java.math.BigInteger;
import java.util.List;

/** PLACEHOLDER until branch chain lands. */
public record ChangeSignersAction(
    List<Address> signers, int threshold, BigInteger nonce, long deadline) {
  public byte[] digest(MultisigDomain domain) {
    throw new UnsupportedOperationException();
  }

  public java.util.Map<String, Object> typedData(MultisigDomain domain) {
    throw new UnsupportedOperationException();
  }
}
