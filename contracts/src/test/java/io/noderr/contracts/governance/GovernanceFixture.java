package io.noderr.contracts.governance;

import io.noderr.contracts.devchain.DemoGovernance;
import io.noderr.contracts.devchain.DevChain;
import io.noderr.contracts.devchain.GovernanceSettings;
import io.noderr.contracts.generated.NoderrGovernor;
import io.noderr.contracts.generated.NoderrMultisig;
import io.noderr.contracts.generated.NoderrParameters;
import io.noderr.contracts.generated.NoderrStaking;
import io.noderr.contracts.generated.NoderrTimelock;
import io.noderr.contracts.generated.NoderrToken;
import io.noderr.signing.Address;
import io.noderr.signing.MultisigDomain;
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
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.Transfer;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Convert;
import org.web3j.utils.Numeric;

/**
 * A fresh governance deployment on a running dev chain for one test: a 2-of-3 multisig of new keys
 * as the guardian, the governance contracts with short test windows, and helpers to create funded
 * operators and to sign as the multisig.
 */
final class GovernanceFixture {

  static final Duration VOTING_DELAY = Duration.ofSeconds(10);
  static final Duration VOTING_PERIOD = Duration.ofMinutes(5);
  static final Duration PARAMETER_DELAY = Duration.ofMinutes(1);
  static final Duration TREASURY_DELAY = Duration.ofMinutes(10);
  static final Duration CONTRACT_DELAY = Duration.ofMinutes(30);
  static final Duration UNBONDING = Duration.ofHours(1);
  static final BigInteger THRESHOLD = GovernanceSettings.nodr(1_000);

  /** PARAMETER 10 %, TREASURY 20 %, CONTRACT 33 % of the stake at the snapshot. */
  static final GovernanceSettings SETTINGS =
      new GovernanceSettings(
          VOTING_DELAY,
          VOTING_PERIOD,
          THRESHOLD,
          List.of(10, 20, 33),
          List.of(PARAMETER_DELAY, TREASURY_DELAY, CONTRACT_DELAY),
          PARAMETER_DELAY,
          GovernanceSettings.defaultParameters(UNBONDING));

  final DevChain chain;
  final List<ECKeyPair> signers =
      Stream.generate(GovernanceFixture::newKey).limit(3).sorted(byAddress()).toList();
  final NoderrMultisig multisig;
  final DemoGovernance addresses;
  final NoderrToken token;
  final NoderrStaking staking;
  final NoderrTimelock timelock;
  final NoderrGovernor governor;
  final NoderrParameters parameters;

  GovernanceFixture(DevChain chain) throws Exception {
    this.chain = chain;
    multisig =
        NoderrMultisig.deploy(
                chain.web3j(),
                chain.transactions(),
                DevChain.GAS,
                signers.stream().map(GovernanceFixture::address).toList(),
                BigInteger.TWO,
                List.of(),
                BigInteger.valueOf(3600))
            .send();
    addresses = DemoGovernance.deploy(chain, Address.of(multisig.getContractAddress()), SETTINGS);
    TransactionManager tx = chain.transactions();
    token = NoderrToken.load(addresses.token().value(), chain.web3j(), tx, DevChain.GAS);
    staking = NoderrStaking.load(addresses.staking().value(), chain.web3j(), tx, DevChain.GAS);
    timelock = NoderrTimelock.load(addresses.timelock().value(), chain.web3j(), tx, DevChain.GAS);
    governor = NoderrGovernor.load(addresses.governor().value(), chain.web3j(), tx, DevChain.GAS);
    parameters =
        NoderrParameters.load(addresses.parameters().value(), chain.web3j(), tx, DevChain.GAS);
  }

  /**
   * An operator with its own key and ether for gas, holding {@code tokens} and staking {@code
   * stake}.
   */
  Operator operator(BigInteger tokens, BigInteger stake) throws Exception {
    ECKeyPair key = newKey();
    Credentials credentials = Credentials.create(key);
    Transfer.sendFunds(
            chain.web3j(),
            chain.sender(),
            credentials.getAddress(),
            BigDecimal.ONE,
            Convert.Unit.ETHER)
        .send();
    token.mint(credentials.getAddress(), tokens).send();
    Operator operator = new Operator(this, key);
    operator.token().approve(staking.getContractAddress(), tokens).send();
    if (stake.signum() > 0) {
      operator.staking().stake(stake).send();
    }
    return operator;
  }

  TransactionManager transactionsOf(ECKeyPair key) {
    return new RawTransactionManager(
        chain.web3j(),
        Credentials.create(key),
        DevChain.CHAIN_ID,
        new PollingTransactionReceiptProcessor(chain.web3j(), 100, 300));
  }

  /** Two of the three signers' signatures over {@code digest}, sorted by signer address. */
  List<byte[]> multisigSignatures(byte[] digest) {
    return signers.stream()
        .limit(2)
        .map(key -> Numeric.hexStringToByteArray(Signatures.sign(digest, key)))
        .toList();
  }

  MultisigDomain multisigDomain() {
    return new MultisigDomain(DevChain.CHAIN_ID, Address.of(multisig.getContractAddress()));
  }

  BigInteger multisigNonce() throws Exception {
    return multisig.nonce().send();
  }

  BigInteger chainTime() throws Exception {
    return chain
        .web3j()
        .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
        .send()
        .getBlock()
        .getTimestamp();
  }

  BigInteger inAnHour() throws Exception {
    return chainTime().add(BigInteger.valueOf(3600));
  }

  static ECKeyPair newKey() {
    try {
      return Keys.createEcKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String address(ECKeyPair key) {
    return "0x" + Keys.getAddress(key);
  }

  private static Comparator<ECKeyPair> byAddress() {
    return Comparator.comparing(key -> new BigInteger(Keys.getAddress(key), 16));
  }

  /** One operator's view of the contracts: transactions signed with its own key. */
  record Operator(GovernanceFixture fixture, ECKeyPair key) {

    String address() {
      return GovernanceFixture.address(key);
    }

    NoderrStaking staking() {
      return NoderrStaking.load(
          fixture.staking.getContractAddress(),
          fixture.chain.web3j(),
          fixture.transactionsOf(key),
          DevChain.GAS);
    }

    NoderrToken token() {
      return NoderrToken.load(
          fixture.token.getContractAddress(),
          fixture.chain.web3j(),
          fixture.transactionsOf(key),
          DevChain.GAS);
    }

    NoderrGovernor governor() {
      return NoderrGovernor.load(
          fixture.governor.getContractAddress(),
          fixture.chain.web3j(),
          fixture.transactionsOf(key),
          DevChain.GAS);
    }
  }
}
