package io.noderr.contracts.devchain;

import io.noderr.contracts.generated.NoderrMultisig;
import io.noderr.signing.Address;
import io.noderr.signing.MultisigDomain;
import io.noderr.signing.PublishRewardRootAction;
import io.noderr.signing.Signatures;
import java.math.BigInteger;
import java.util.List;
import org.web3j.crypto.ECKeyPair;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Reward roots published through a NoderrMultisig signed with its signers' keys, as tests and the
 * dev chain drive it (the platform collects the signatures from people instead).
 */
public final class MultisigRewardRoots {

  private MultisigRewardRoots() {}

  /** The multisig's publishRewardRoot call for {@code action}, signed by {@code keys}. */
  public static RemoteFunctionCall<TransactionReceipt> publish(
      NoderrMultisig multisig, PublishRewardRootAction action, List<ECKeyPair> keys) {
    return multisig.publishRewardRoot(
        action.distributor().value(),
        BigInteger.valueOf(action.epoch()),
        action.root(),
        action.total(),
        BigInteger.valueOf(action.deadline()),
        signatures(action.digest(domain(multisig)), keys));
  }

  /** The multisig's EIP-712 domain on the dev chain. */
  public static MultisigDomain domain(NoderrMultisig multisig) {
    return new MultisigDomain(DevChain.CHAIN_ID, Address.of(multisig.getContractAddress()));
  }

  /** Each key's signature of {@code digest}, as the multisig takes them. */
  public static List<byte[]> signatures(byte[] digest, List<ECKeyPair> keys) {
    return keys.stream()
        .map(key -> Numeric.hexStringToByteArray(Signatures.sign(digest, key)))
        .toList();
  }
}
