package io.noderr.signing;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.web3j.crypto.Hash;

/**
 * The EIP-712 domain of one NoderrMultisig deployment: a signature is valid only for this chain and
 * this contract, so a signature collected for a test network can never publish on another.
 */
public record MultisigDomain(long chainId, Address verifyingContract) {

  static final String NAME = "NoderrMultisig";
  static final String VERSION = "1";
  private static final byte[] TYPEHASH =
      keccak("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");

  public MultisigDomain {
    if (chainId <= 0) {
      throw new IllegalArgumentException("chain id must be positive, was " + chainId);
    }
  }

  /** keccak256(abi.encode(typehash, name, version, chainId, verifyingContract)). */
  byte[] separator() {
    return Abi.keccakWords(
        TYPEHASH,
        keccak(NAME),
        keccak(VERSION),
        Abi.uint(BigInteger.valueOf(chainId)),
        Abi.address(verifyingContract));
  }

  /** keccak256("\x19\x01" ‖ domainSeparator ‖ structHash): the digest signers sign. */
  byte[] typedDataDigest(byte[] structHash) {
    return Abi.typedDataDigest(separator(), structHash);
  }

  static List<Map<String, String>> typeFields() {
    return List.of(
        Abi.field("name", "string"),
        Abi.field("version", "string"),
        Abi.field("chainId", "uint256"),
        Abi.field("verifyingContract", "address"));
  }

  Map<String, Object> asTypedDataDomain() {
    Map<String, Object> domain = new LinkedHashMap<>();
    domain.put("name", NAME);
    domain.put("version", VERSION);
    domain.put("chainId", chainId);
    domain.put("verifyingContract", verifyingContract.checksummed());
    return domain;
  }

  static byte[] keccak(String text) {
    return Hash.sha3(text.getBytes(StandardCharsets.UTF_8));
  }
}
