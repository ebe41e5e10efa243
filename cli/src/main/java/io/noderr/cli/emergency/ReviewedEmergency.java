package io.noderr.cli.emergency;

import java.util.List;

/**
 * An emergency request that passed {@link EmergencyReview}: the digest computed here from the typed
 * data, and the signed fields in words.
 *
 * @param primaryType the EIP-712 type signed
 * @param signed every signed field, from the checked typed data (never the platform's summary)
 */
public record ReviewedEmergency(
    String id, String kind, String primaryType, int required, byte[] digest, List<String> signed) {

  /** A guardian's pause (or a guardian's signature under the threshold) acts on one signature. */
  boolean actsAlone(int signatures) {
    return "ACT".equals(kind) && ("GuardianPause".equals(primaryType) || signatures < required);
  }

  public ReviewedEmergency {
    digest = digest.clone();
    signed = List.copyOf(signed);
  }

  @Override
  public byte[] digest() {
    return digest.clone();
  }
}
