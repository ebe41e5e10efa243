package io.noderr.signing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A signer's approval of an emergency action the platform carries out itself (an emergency
 * rollback, a quarantine): off-chain, but signed in the multisig's domain like every other signer
 * decision, so only a member of the signer set can approve, only the emergency they read, and only
 * until its deadline.
 *
 * @param emergency the emergency's id ({@code emergency-7}): a signature never counts for another
 * @param action the action's name ({@code EMERGENCY_ROLLBACK}, {@code QUARANTINE})
 * @param scope what it acts on, in the platform's canonical words ({@code tiers=ORACLE
 *     version=1.4.1 digest=sha256:…}, {@code nodes=node-1,node-2})
 * @param deadline unix seconds after which the signature no longer counts
 */
public record EmergencyApproval(
    String emergency, String action, String scope, String reason, long deadline) {

  public static final String TYPE =
      "Emergency(string emergency,string action,string scope,string reason,uint256 deadline)";

  private static final byte[] TYPEHASH = MultisigDomain.keccak(TYPE);

  public EmergencyApproval {
    requireText(emergency, "emergency id");
    requireText(action, "action");
    requireText(scope, "scope");
    requireText(reason, "reason");
    if (deadline <= 0) {
      throw new IllegalArgumentException("deadline must be a positive unix time");
    }
  }

  public byte[] digest(MultisigDomain domain) {
    return domain.typedDataDigest(
        Abi.keccakWords(
            TYPEHASH,
            MultisigDomain.keccak(emergency),
            MultisigDomain.keccak(action),
            MultisigDomain.keccak(scope),
            MultisigDomain.keccak(reason),
            Abi.uint(java.math.BigInteger.valueOf(deadline))));
  }

  /** The typed data for {@code eth_signTypedData_v4}. */
  public Map<String, Object> typedData(MultisigDomain domain) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("emergency", emergency);
    message.put("action", action);
    message.put("scope", scope);
    message.put("reason", reason);
    message.put("deadline", deadline);
    return TypedData.of(
        domain,
        "Emergency",
        List.of(
            Abi.field("emergency", "string"),
            Abi.field("action", "string"),
            Abi.field("scope", "string"),
            Abi.field("reason", "string"),
            Abi.field("deadline", "uint256")),
        message);
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
    if (value.length() > 2000) {
      throw new IllegalArgumentException(name + " is longer than 2000 characters");
    }
  }
}
