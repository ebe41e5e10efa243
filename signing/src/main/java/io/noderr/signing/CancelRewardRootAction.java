package io.noderr.signing;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * NoderrMultisig's {@code CancelRewardRoot}: withdraws a reward epoch's root from a
 * RewardDistributor while it is still pending (before anyone can claim); the epoch's tokens go back
 * to the treasury and the epoch number may be published again.
 *
 * @param nonce the multisig's next nonce
 * @param deadline unix seconds after which the contract refuses the signatures
 */
public record CancelRewardRootAction(
    Address distributor, long epoch, BigInteger nonce, long deadline) {

  public static final String TYPE =
      "CancelRewardRoot(address distributor,uint256 epoch,uint256 nonce,uint256 deadline)";
  private static final byte[] TYPEHASH = MultisigDomain.keccak(TYPE);

  public CancelRewardRootAction {
    Objects.requireNonNull(distributor, "the reward distributor is required");
    if (epoch < 0) {
      throw new IllegalArgumentException("reward epoch must be zero or positive, was " + epoch);
    }
    Actions.checkNonceAndDeadline(nonce, deadline);
  }

  /** The digest the multisig recomputes on chain (its {@code cancelRewardRootDigest}). */
  public byte[] digest(MultisigDomain domain) {
    return domain.typedDataDigest(
        Abi.keccakWords(
            TYPEHASH,
            Abi.address(distributor),
            Abi.uint(BigInteger.valueOf(epoch)),
            Abi.uint(nonce),
            Abi.uint(BigInteger.valueOf(deadline))));
  }

  /** The typed data for {@code eth_signTypedData_v4}. */
  public Map<String, Object> typedData(MultisigDomain domain) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("distributor", distributor.checksummed());
    message.put("epoch", epoch);
    message.put("nonce", nonce.toString());
    message.put("deadline", deadline);
    return TypedData.of(
        domain,
        "CancelRewardRoot",
        List.of(
            Abi.field("distributor", "address"),
            Abi.field("epoch", "uint256"),
            Abi.field("nonce", "uint256"),
            Abi.field("deadline", "uint256")),
        message);
  }

  /** What a signer reads before signing. */
  public List<String> summary(MultisigDomain domain) {
    return Actions.lines(
        List.of(
            "CANCEL the pending rewards of epoch "
                + epoch
                + " on distributor "
                + distributor.checksummed()
                + ": nobody can claim them, the tokens go back to the treasury"),
        Actions.footer(domain, nonce, deadline));
  }
}
