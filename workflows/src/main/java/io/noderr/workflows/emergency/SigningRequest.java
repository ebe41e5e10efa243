package io.noderr.workflows.emergency;

import java.util.List;
import java.util.Map;

/**
 * What the emergency needs signed now: the digest, the typed data any wallet or {@code noderr
 * emergency sign} signs, and who may sign it.
 *
 * @param kind ACT (the signatures that make it act) or RATIFY (the quorum confirming a guardian's
 *     mandate)
 * @param primaryType the EIP-712 type (Emergency, GuardianPause, PauseTiers, ChangeSigners)
 * @param digest 0x-hex EIP-712 digest
 * @param eligible the addresses whose signature counts (guardians, or the signer set)
 * @param required how many signatures it needs
 * @param summary what the signer reads before signing, line by line
 */
public record SigningRequest(
    String kind,
    String primaryType,
    String digest,
    Map<String, Object> typedData,
    List<String> eligible,
    int required,
    List<String> summary) {

  public static final String ACT = "ACT";
  public static final String RATIFY = "RATIFY";

  public SigningRequest {
    eligible = List.copyOf(eligible);
    summary = List.copyOf(summary);
  }
}
