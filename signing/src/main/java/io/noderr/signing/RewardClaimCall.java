package io.noderr.signing;

import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * The calldata of {@code RewardDistributor.claim(epoch, account, amount, proof)}: what an
 * operator's browser wallet sends to the distributor to claim one epoch's reward. The platform only
 * encodes it; the wallet signs and sends it, and the contract checks the proof.
 */
public final class RewardClaimCall {

  private RewardClaimCall() {}

  /** 0x-hex calldata claiming {@code leaf} with {@code proof}. */
  public static String calldata(RewardLeaf leaf, List<byte[]> proof) {
    return FunctionEncoder.encode(
        new Function(
            "claim",
            List.of(
                new Uint256(BigInteger.valueOf(leaf.epoch())),
                new org.web3j.abi.datatypes.Address(leaf.account().value()),
                new Uint256(leaf.amount()),
                new DynamicArray<>(Bytes32.class, proof.stream().map(Bytes32::new).toList())),
            List.of()));
  }
}
