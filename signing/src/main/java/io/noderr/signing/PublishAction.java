package io.noderr.signing;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What signers approve when they approve a release: the multisig's {@code Publish} action, field
 * for field as NoderrMultisig hashes it. The nonce is the multisig's next nonce, so a collected set
 * of signatures publishes at most once.
 *
 * @param tier beacon tier code (ALL=0, ORACLE=1, GUARDIAN=2)
 * @param minimumVersion oldest version that can upgrade to this one directly ("" = any)
 * @param deadline unix seconds after which the contract refuses the signatures
 */
public record PublishAction(
    int tier,
    String version,
    ImageDigest imageDigest,
    String minimumVersion,
    String notesUri,
    BigInteger nonce,
    long deadline) {

  public static final String TYPE =
      "Publish(uint8 tier,string version,bytes32 imageDigest,string minimumVersion,"
          + "string notesUri,uint256 nonce,uint256 deadline)";

  /** Notes URIs longer than this are refused (on-chain storage). */
  public static final int MAX_NOTES_URI = 512;

  private static final byte[] TYPEHASH = MultisigDomain.keccak(TYPE);

  public PublishAction {
    if (tier < 0 || tier > 2) {
      throw new IllegalArgumentException("tier code must be 0 (ALL), 1 (ORACLE) or 2 (GUARDIAN)");
    }
    Semver.parse(version);
    minimumVersion = minimumVersion == null ? "" : minimumVersion;
    if (!minimumVersion.isEmpty()) {
      Semver.parse(minimumVersion);
    }
    notesUri = notesUri == null ? "" : notesUri;
    if (notesUri.length() > MAX_NOTES_URI) {
      throw new IllegalArgumentException(
          "notes URI is longer than " + MAX_NOTES_URI + " characters");
    }
    Actions.checkNonceAndDeadline(nonce, deadline);
  }

  /** The 32-byte EIP-712 digest the multisig recomputes on chain (its {@code publishDigest}). */
  public byte[] digest(MultisigDomain domain) {
    byte[] structHash =
        Abi.keccakWords(
            TYPEHASH,
            Abi.uint(BigInteger.valueOf(tier)),
            MultisigDomain.keccak(version),
            imageDigest.bytes32(),
            MultisigDomain.keccak(minimumVersion),
            MultisigDomain.keccak(notesUri),
            Abi.uint(nonce),
            Abi.uint(BigInteger.valueOf(deadline)));
    return domain.typedDataDigest(structHash);
  }

  /**
   * The typed data exactly as {@code eth_signTypedData_v4} takes it, for signing offline with any
   * wallet: the JSON form of {@link #digest(MultisigDomain)}.
   */
  public Map<String, Object> typedData(MultisigDomain domain) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("tier", tier);
    message.put("version", version);
    message.put("imageDigest", imageDigest.hex());
    message.put("minimumVersion", minimumVersion);
    message.put("notesUri", notesUri);
    message.put("nonce", nonce.toString());
    message.put("deadline", deadline);
    return TypedData.of(
        domain,
        "Publish",
        List.of(
            Abi.field("tier", "uint8"),
            Abi.field("version", "string"),
            Abi.field("imageDigest", "bytes32"),
            Abi.field("minimumVersion", "string"),
            Abi.field("notesUri", "string"),
            Abi.field("nonce", "uint256"),
            Abi.field("deadline", "uint256")),
        message);
  }

  /** What a signer reads before signing: every signed field, in words. */
  public List<String> summary(MultisigDomain domain, String tierName) {
    return Actions.lines(
        List.of(
            "Publish node software " + version + " to tier " + tierName + " (code " + tier + ")",
            "image digest      " + imageDigest,
            "minimum version   " + (minimumVersion.isEmpty() ? "(any)" : minimumVersion),
            "release notes     " + (notesUri.isEmpty() ? "(none)" : notesUri)),
        Actions.footer(domain, nonce, deadline));
  }
}
