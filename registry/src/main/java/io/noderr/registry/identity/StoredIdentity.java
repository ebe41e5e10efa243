package io.noderr.registry.identity;

import java.util.Map;

/**
 * A node's registered identity: public material only.
 *
 * @param keyKind TPM or SOFTWARE
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
