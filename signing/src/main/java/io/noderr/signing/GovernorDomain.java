package io.noderr.signing;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The EIP-712 domain of one NoderrGovernor deployment ({@code NoderrGovernor} / {@code 1} / chain
 * id / governor address, OpenZeppelin Governor's own): ballots and signed proposals are valid only
 * for this chain and this governor.
 */
public record GovernorDomain(long chainId, Address governor) {

  static final String NAME = "NoderrGovernor";
  static final String VERSION = "1";
  private static final byte[] TYPEHASH =
      MultisigDomain.keccak(
          "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");

  public GovernorDomain {
    if (chainId <= 0) {
      throw new IllegalArgumentException("chain id must be positive, was " + chainId);
    }
    if (governor == null) {
      throw new IllegalArgumentException("the governor's address is required");
    }
  }

  /** keccak256("\x19\x01" ‖ domainSeparator ‖ structHash): the digest a voter or proposer signs. */
  byte[] typedDataDigest(byte[] structHash) {
    byte[] separator =
        Abi.keccakWords(
            TYPEHASH,
            MultisigDomain.keccak(NAME),
            MultisigDomain.keccak(VERSION),
            Abi.uint(BigInteger.valueOf(chainId)),
            Abi.address(governor));
    return Abi.typedDataDigest(separator, structHash);
  }

  Map<String, Object> asTypedDataDomain() {
    Map<String, Object> domain = new LinkedHashMap<>();
    domain.put("name", NAME);
    domain.put("version", VERSION);
    domain.put("chainId", chainId);
    domain.put("verifyingContract", governor.checksummed());
    return domain;
  }
}
