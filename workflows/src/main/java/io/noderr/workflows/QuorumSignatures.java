package io.noderr.workflows;

import io.noderr.signing.Address;
import io.noderr.signing.Signatures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Multisig signatures collected over one action: each by a member of the signer set, once,
 * recovering to that signer over exactly this digest. Pure; a workflow calls {@link #check} from
 * its Update validator and {@link #add} from the handler.
 */
public final class QuorumSignatures {

  private final List<String> signers;
  private final int threshold;
  private final byte[] digest;
  private final String subject;
  private final Map<String, String> bySigner = new LinkedHashMap<>();

  /**
   * @param subject what is signed, as a refusal names it ("epoch 7's root")
   */
  public QuorumSignatures(List<String> signers, int threshold, byte[] digest, String subject) {
    this.signers = List.copyOf(signers);
    this.threshold = threshold;
    this.digest = digest.clone();
    this.subject = subject;
  }

  /** Why this signature cannot count, or nothing; never changes the collection. */
  public void check(String claimedSigner, String signature) {
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
      throw new IllegalArgumentException(signer.checksummed() + " already signed " + subject);
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
              + "'s over "
              + subject
              + " (it recovers to "
              + recovered.checksummed()
              + "): it was made over other terms, another contract or nonce, or with another key");
    }
  }

  public void add(String signer, String signature) {
    check(signer, signature);
    bySigner.put(Address.of(signer).value(), signature.trim());
  }

  public boolean complete() {
    return bySigner.size() >= threshold;
  }

  public int count() {
    return bySigner.size();
  }

  public List<String> signed() {
    return new ArrayList<>(bySigner.keySet());
  }

  /** The multisig wants them ordered by signer address, ascending. */
  public List<String> sortedSignatures() {
    return bySigner.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(Map.Entry::getValue)
        .toList();
  }
}
