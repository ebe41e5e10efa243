package io.noderr.contracts.devchain;

import io.noderr.contracts.generated.NoderrMultisig;
import io.noderr.signing.Address;
import io.noderr.signing.MultisigDomain;
import io.noderr.signing.PublishRewardRootAction;
import io.noderr.signing.RewardTree;
import io.noderr.signing.Signatures;
import java.math.BigInteger;
import java.util.List;
import org.web3j.crypto.ECKeyPair;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Reward roots published through a NoderrMultisig with its signers' own keys, as the reward
 * workflow does once it holds their signatures: for dev chains and tests of the distributor and of
 * claims.
 */
public final class MultisigRewardRoots {

  private final DevChain chain;
  private final NoderrMultisig multisig;

  public MultisigRewardRoots(DevChain chain, Address multisig) {
    this.chain = chain;
    this.multisig =
        NoderrMultisig.load(multisig.value(), chain.web3j(), chain.transactions(), DevChain.GAS);
  }

  /** The multisig's domain signers sign PublishRewardRoot actions in. */
  public MultisigDomain domain() {
    return new MultisigDomain(DevChain.CHAIN_ID, Address.of(multisig.getContractAddress()));
  }

  /** Publishes {@code tree} on {@code distributor}, signed by {@code keys}, valid for an hour. */
  public TransactionReceipt publish(Address distributor, RewardTree tree, List<ECKeyPair> keys)
      throws Exception {
    PublishRewardRootAction action =
        PublishRewardRootAction.of(distributor, tree, nonce(), inAnHour());
    return publish(action, keys).send();
  }

  /** The multisig's publishRewardRoot call for {@code action}, signed by {@code keys}. */
  public RemoteFunctionCall<TransactionReceipt> publish(
      PublishRewardRootAction action, List<ECKeyPair> keys) {
    return multisig.publishRewardRoot(
        action.distributor().value(),
        BigInteger.valueOf(action.epoch()),
        action.root(),
        action.total(),
        BigInteger.valueOf(action.deadline()),
        signatures(action.digest(domain()), keys));
  }

  /** Each key's 65-byte signature over {@code digest}, in the order of {@code keys}. */
  public static List<byte[]> signatures(byte[] digest, List<ECKeyPair> keys) {
    return keys.stream()
        .map(key -> Numeric.hexStringToByteArray(Signatures.sign(digest, key)))
        .toList();
  }

  /** The multisig's next nonce. */
  public BigInteger nonce() throws Exception {
    return multisig.nonce().send();
  }

  /** An hour after the latest block: a deadline signatures are still good at. */
  public long inAnHour() throws Exception {
    return chain
            .web3j()
            .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
            .send()
            .getBlock()
            .getTimestamp()
            .longValueExact()
        + 3600;
  }
}
