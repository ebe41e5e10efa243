package io.noderr.workflows.rewards;

import io.noderr.signing.Address;
import io.noderr.signing.Signatures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The signatures collected over one root: each by a member of the signer set, once, recovering to
 * that signer over exactly this digest. Pure; the workflow calls it from the validator and again
 * from the handler.
 */
final class RootSignatures {

  private final List<String> signers;
  private final int threshold;
  private final byte[] digest;
  private final Map<String, String> bySigner = new LinkedHashMap<>();

  RootSignatures(List<String> signers, int threshold, byte[] digest) {
    this.signers = List.copyOf(signers);
    this.threshold = threshold;
    this.digest = digest.clone();
  }

  /** Why this signature cannot count, or nothing; never changes the collection. */
  void check(String claimedSigner, String signature) {
    Address signer;
    try {
      signer = Address.of(claimedSigner);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("signer: " + e.getMessage());
    }
    if (!signers.contains(signer.value())) {
      throw new IllegalArgumentException(
          signer.checksummed() + " is not in the multisig's signer set");
    }
    if (bySigner.containsKey(signer.value())) {
      throw new IllegalArgumentException(signer.checksummed() + " already signed this root");
    }
    if (signature == null || signature.isBlank()) {
      throw new IllegalArgumentException("the signature is missing");
    }
    Address recovered;
    try {
      recovered = Signatures.recover(digest, signature.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed signature: " + e.getMessage());
    }
    if (!recovered.equals(signer)) {
      throw new IllegalArgumentException(
          "the signature is not "
              + signer.checksummed()
              + "'s over this epoch's root (it recovers to "
              + recovered.checksummed()
              + "): it was made over another epoch, root, contract or nonce, or with another key");
    }
  }

  void add(String signer, String signature) {
    check(signer, signature);
    bySigner.put(Address.of(signer).value(), signature.trim());
  }

  boolean complete() {
    return bySigner.size() >= threshold;
  }

  int count() {
    return bySigner.size();
  }

  List<String> signed() {
    return new ArrayList<>(bySigner.keySet());
  }

  /** The multisig wants them ordered by signer address, ascending. */
  List<String> sortedSignatures() {
    return bySigner.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(Map.Entry::getValue)
        .toList();
  }
}
