package io.noderr.contracts.rewards;

import io.noderr.contracts.devchain.DemoEconomics;
import io.noderr.contracts.devchain.DemoGovernance;
import io.noderr.contracts.devchain.DevChain;
import io.noderr.contracts.devchain.GovernanceSettings;
import io.noderr.contracts.devchain.MultisigRewardRoots;
import io.noderr.contracts.generated.NoderrMultisig;
import io.noderr.contracts.generated.NoderrToken;
import io.noderr.contracts.generated.RewardDistributor;
import io.noderr.signing.Address;
import io.noderr.signing.MultisigDomain;
import io.noderr.signing.PublishRewardRootAction;
import io.noderr.signing.Signatures;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.Transfer;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Convert;

/**
 * A fresh rewards deployment on a running dev chain for one test: a 2-of-3 multisig of new keys
 * (the first signer its guardian), the governance contracts (token and treasury) and the economics
 * contracts through {@link DemoEconomics}, the multisig holding the demo reward pool.
 */
final class RewardsFixture {

  static final Duration PENDING_DELAY = Duration.ofSeconds(60);
  static final Duration CLAIM_PERIOD = Duration.ofHours(1);

  final DevChain chain;
  final List<ECKeyPair> signers =
      Stream.generate(RewardsFixture::newKey).limit(3).sorted(byAddress()).toList();
  final NoderrMultisig multisig;
  final NoderrToken token;
  final Address distributorAddress;
  final RewardDistributor distributor;
  final Address treasury;
  final MultisigRewardRoots roots;

  RewardsFixture(DevChain chain) throws Exception {
    this.chain = chain;
    multisig =
        NoderrMultisig.deploy(
                chain.web3j(),
                chain.transactions(),
                DevChain.GAS,
                signers.stream().map(key -> address(key).value()).toList(),
                BigInteger.TWO,
                List.of(address(guardian()).value()),
                BigInteger.valueOf(3600))
            .send();
    Address multisigAddress = Address.of(multisig.getContractAddress());
    DemoGovernance governance =
        DemoGovernance.deploy(chain, multisigAddress, GovernanceSettings.devDefaults());
    DemoEconomics economics =
        DemoEconomics.deploy(chain, multisigAddress, governance, PENDING_DELAY, CLAIM_PERIOD);
    token = governance.token(chain);
    distributorAddress = economics.distributor();
    distributor = distributorAs(chain.transactions());
    treasury = governance.timelock();
    roots = new MultisigRewardRoots(chain, multisigAddress);
  }

  /** The multisig's guardian, which the distributor takes as its own. */
  ECKeyPair guardian() {
    return signers.get(0);
  }

  /** The distributor, sending as the holder of {@code key} (funded with ether for gas). */
  RewardDistributor distributorAs(ECKeyPair key) throws Exception {
    Credentials credentials = Credentials.create(key);
    Transfer.sendFunds(
            chain.web3j(),
            chain.sender(),
            credentials.getAddress(),
            BigDecimal.ONE,
            Convert.Unit.ETHER)
        .send();
    return distributorAs(
        new RawTransactionManager(
            chain.web3j(),
            credentials,
            DevChain.CHAIN_ID,
            new PollingTransactionReceiptProcessor(chain.web3j(), 100, 300)));
  }

  private RewardDistributor distributorAs(TransactionManager transactions) {
    return RewardDistributor.load(
        distributorAddress.value(), chain.web3j(), transactions, DevChain.GAS);
  }

  MultisigDomain multisigDomain() {
    return roots.domain();
  }

  /** The multisig's publishRewardRoot call for {@code action}, signed by {@code keys}. */
  RemoteFunctionCall<TransactionReceipt> publish(
      PublishRewardRootAction action, List<ECKeyPair> keys) {
    return roots.publish(action, keys);
  }

  /** Two of the three signers. */
  List<ECKeyPair> quorum() {
    return signers.subList(0, 2);
  }

  static List<byte[]> signatures(byte[] digest, List<ECKeyPair> keys) {
    return MultisigRewardRoots.signatures(digest, keys);
  }

  BigInteger nonce() throws Exception {
    return roots.nonce();
  }

  long inAnHour() throws Exception {
    return roots.inAnHour();
  }

  BigInteger balanceOf(Address account) throws Exception {
    return token.balanceOf(account.value()).send();
  }

  static ECKeyPair newKey() {
    try {
      return Keys.createEcKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Address address(ECKeyPair key) {
    return Signatures.addressOf(key);
  }

  private static Comparator<ECKeyPair> byAddress() {
    return Comparator.comparing(RewardsFixture::address);
  }
}
