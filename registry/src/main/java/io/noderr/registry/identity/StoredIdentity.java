package io.noderr.registry.identity;

import java.util.Map;

/**
 * A node's registered identity: public material only.
 *
 * @param keyKind TPM or SOFTWARE
 * @param pcrValues the PCR values recorded at registration (index to lowercase hex): the baseline
 *     every later quote is compared with for PCRs the policy allows any value of (trust on first
 *     use); empty for software keys
 */
public record StoredIdentity(
    String nodeId,
    String keyKind,
    String akPublic,
    String akName,
    String ekPublic,
    String ekCertificateSha256,
    Map<String, String> pcrValues) {

  public boolean tpm() {
    return "TPM".equals(keyKind);
  }
}
