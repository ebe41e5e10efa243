package io.noderr.signing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An operator's signed word in a slashing dispute: its answer in the challenge window, or its
 * appeal of the decision. Signed with the operator's own key (the address the stake is held by) in
 * the multisig's domain, so nobody else can answer for them and a statement for one dispute cannot
 * be replayed in another.
 *
 * @param kind ANSWER or APPEAL: an answer cannot be replayed as an appeal
 */
public record DisputeStatement(String dispute, String kind, String statement) {

  public static final String TYPE = "DisputeStatement(string dispute,string kind,string statement)";
  public static final int MAX_STATEMENT = 2_000;
  private static final byte[] TYPEHASH = MultisigDomain.keccak(TYPE);

  public DisputeStatement {
    if (dispute == null || dispute.isBlank()) {
      throw new IllegalArgumentException("the dispute id is missing");
    }
    if (!"ANSWER".equals(kind) && !"APPEAL".equals(kind)) {
      throw new IllegalArgumentException("a statement is an ANSWER or an APPEAL, not " + kind);
    }
    if (statement == null || statement.isBlank()) {
      throw new IllegalArgumentException("the statement is empty");
    }
    if (statement.length() > MAX_STATEMENT) {
      throw new IllegalArgumentException(
          "the statement is longer than " + MAX_STATEMENT + " characters");
    }
  }

  public byte[] digest(MultisigDomain domain) {
    return domain.typedDataDigest(
        Abi.keccakWords(
            TYPEHASH,
            MultisigDomain.keccak(dispute),
            MultisigDomain.keccak(kind),
            MultisigDomain.keccak(statement)));
  }

  public Map<String, Object> typedData(MultisigDomain domain) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("dispute", dispute);
    message.put("kind", kind);
    message.put("statement", statement);
    return TypedData.of(
        domain,
        "DisputeStatement",
        List.of(
            Abi.field("dispute", "string"),
            Abi.field("kind", "string"),
            Abi.field("statement", "string")),
        message);
  }
}
