package io.noderr.signing;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of a {@link SignedProposal}, as {@code POST /api/v1/governance/proposals} (and the
 * node gateway's {@code /api/v1/agent/governance/proposals}) take it and as {@code noderr propose
 * --sign-only} writes it: addresses and calldatas as 0x-hex, values and the nonce as decimal
 * strings (uint256 does not fit a JSON number), the deadline as unix seconds.
 */
public final class SignedProposalJson {

  private SignedProposalJson() {}

  public static Map<String, Object> toJson(SignedProposal proposal) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("proposer", proposal.proposer().checksummed());
    json.put("targets", Actions.checksummed(proposal.targets()));
    json.put("values", proposal.values().stream().map(BigInteger::toString).toList());
    json.put("calldatas", proposal.calldatas());
    json.put("description", proposal.description());
    json.put("nonce", proposal.nonce().toString());
    json.put("deadline", proposal.deadline());
    json.put("signature", proposal.signature());
    return json;
  }

  /**
   * @param json the JSON object as a map (any JSON parser's)
   * @throws IllegalArgumentException naming the first missing or malformed field
   */
  public static SignedProposal fromJson(Map<String, ?> json) {
    return new SignedProposal(
        Address.of(text(json, "proposer")),
        list(json, "targets").stream().map(target -> Address.of(String.valueOf(target))).toList(),
        list(json, "values").stream().map(value -> decimal("values", value)).toList(),
        list(json, "calldatas").stream().map(String::valueOf).toList(),
        text(json, "description"),
        decimal("nonce", json.get("nonce")),
        decimal("deadline", json.get("deadline")).longValueExact(),
        text(json, "signature"));
  }

  private static String text(Map<String, ?> json, String field) {
    Object value = json.get(field);
    if (!(value instanceof String text)) {
      throw new IllegalArgumentException("the signed proposal has no " + field + " text");
    }
    return text;
  }

  private static List<?> list(Map<String, ?> json, String field) {
    if (!(json.get(field) instanceof List<?> list)) {
      throw new IllegalArgumentException("the signed proposal has no " + field + " list");
    }
    return list;
  }

  private static BigInteger decimal(String field, Object value) {
    try {
      return new BigInteger(String.valueOf(value));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "the signed proposal's " + field + " must be decimal integers, was " + value);
    }
  }
}
