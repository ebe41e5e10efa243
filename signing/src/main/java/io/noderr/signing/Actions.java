package io.noderr.signing;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/** What every multisig action checks and shows alike: its nonce, deadline and domain. */
final class Actions {

  private Actions() {}

  static void checkNonceAndDeadline(BigInteger nonce, long deadline) {
    if (nonce == null || nonce.signum() < 0) {
      throw new IllegalArgumentException("nonce must be zero or positive");
    }
    if (deadline <= 0) {
      throw new IllegalArgumentException("deadline must be a positive unix time");
    }
  }

  /** The summary's last lines: which nonce, until when, on which chain and contract. */
  static List<String> footer(MultisigDomain domain, BigInteger nonce, long deadline) {
    return List.of(
        "multisig nonce    " + nonce,
        "valid until       " + Instant.ofEpochSecond(deadline) + " (" + deadline + ")",
        "chain id          " + domain.chainId(),
        "multisig contract " + domain.verifyingContract().checksummed());
  }

  /** Concatenates summary parts. */
  static List<String> lines(List<String> head, List<String> footer) {
    return Stream.concat(head.stream(), footer.stream()).toList();
  }

  /**
   * keccak256(abi.encodePacked(address[])): each address a 32-byte word, as EIP-712 hashes arrays.
   */
  static byte[] addressArrayHash(List<Address> addresses) {
    return Abi.keccakWords(addresses.stream().map(Abi::address).toArray(byte[][]::new));
  }

  /** Distinct, non-zero addresses (the contract refuses the zero address and repeats). */
  static List<Address> checkAddresses(List<Address> addresses, String what) {
    if (addresses == null) {
      throw new IllegalArgumentException(what + " are required");
    }
    List<Address> copy = List.copyOf(addresses);
    Address zero = Address.of("0x" + "0".repeat(40));
    if (copy.contains(zero)) {
      throw new IllegalArgumentException(what + " must not contain the zero address");
    }
    if (copy.stream().distinct().count() != copy.size()) {
      throw new IllegalArgumentException(what + " must not repeat an address");
    }
    return copy;
  }

  static List<String> checksummed(List<Address> addresses) {
    return addresses.stream().map(Address::checksummed).toList();
  }
}
