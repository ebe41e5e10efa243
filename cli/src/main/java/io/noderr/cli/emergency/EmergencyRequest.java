package io.noderr.cli.emergency;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What an emergency needs signed now, as the platform says.
 *
 * @param kind ACT (the signatures that make it act) or RATIFY (the quorum confirming a guardian)
 * @param primaryType the EIP-712 type: GuardianPause, PauseTiers, ChangeSigners or Emergency
 * @param digest the platform's 0x-hex EIP-712 digest, checked against {@code typedData}
 * @param typedData the {@code eth_signTypedData_v4} document
 * @param eligible the addresses whose signature counts
 * @param summary the platform's words for it
 */
public record EmergencyRequest(
    String kind,
    String primaryType,
    String digest,
    JsonNode typedData,
    List<String> eligible,
    int required,
    List<String> summary) {

  public EmergencyRequest {
    eligible = eligible == null ? List.of() : List.copyOf(eligible);
    summary = summary == null ? List.of() : List.copyOf(summary);
  }
}
