package io.noderr.worker.governance;

import static io.noderr.contracts.devchain.GovernanceSettings.nodr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.contracts.devchain.DemoDeployment;
import io.noderr.contracts.devchain.DemoGovernance;
import io.noderr.contracts.devchain.DemoOperators;
import io.noderr.contracts.devchain.DevChain;
import io.noderr.contracts.generated.NoderrGovernor;
import io.noderr.contracts.generated.NoderrStaking;
import io.noderr.contracts.generated.NoderrToken;
import io.noderr.signing.Address;
import io.noderr.signing.DemoSigners;
import io.noderr.signing.GovernorDomain;
import io.noderr.signing.ProposalSubmission;
import io.noderr.signing.SetParameterCall;
import io.noderr.signing.Signatures;
import io.noderr.signing.SignedProposal;
import io.noderr.worker.beacon.BeaconProperties;
import io.noderr.worker.beacon.ChainBeacon;
import io.noderr.worker.beacon.TestChain;
import io.noderr.worker.governance.ProposalSubmitter.ProposalRefusedException;
import io.noderr.worker.governance.ProposalSubmitter.Submitted;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/**
 * The platform's proposal submitter on ganache: a proposal signed by a staking operator is sent
 * from the platform's keystore account (no stake) and counts the operator's stake; everything the
 * governor would refuse is refused with its reason before any transaction is sent. The RPC URL
 * carries a fake API key that must never reach a message.
 */
class ChainProposalSubmitterIT {

  private static final String SECRET = "not-for-messages";
  @RegisterExtension static final TestChain TEST_CHAIN = new TestChain();

  private static final String PASSWORD = TestChain.PASSWORD;
  private static final String CANARY = "rollout.canaryPercent";
  private static final String SENDER =
      Credentials.create(DemoSigners.devChainSender()).getAddress();

  private static DevChain chain;
  private static DemoDeployment beaconContracts;
  private static Path keystore;

  private DemoGovernance governance;
  private ChainBeacon beacon;
  private ChainProposalSubmitter submitter;
  private final ECKeyPair staker = DemoOperators.key(1);
  private final ECKeyPair smallStaker = DemoOperators.key(2);

  @BeforeAll
  static void useTheChain() throws Exception {
    chain = TEST_CHAIN.chain();
    beaconContracts = DemoDeployment.deploy(chain);
    keystore = TEST_CHAIN.senderKeystore();
  }

  @BeforeEach
  void deployAndStake() throws Exception {
    governance = DemoGovernance.deploy(chain, DemoSigners.addresses().get(0));
    stake(staker, nodr(2_000));
    stake(smallStaker, nodr(500));
    // Governor counts votes one clock tick back.
    chain.advanceTime(Duration.ofSeconds(1));
    beacon = ChainBeacon.connect(beacon(urlWithKey()), true);
    submitter = new ChainProposalSubmitter(governanceProperties(), beacon(urlWithKey()), beacon);
  }

  @AfterEach
  void close() {
    beacon.close();
  }

  @Test
  void stakersProposal_isSentByThePlatformsAccount_andCountsTheStakersStake() throws Exception {
    SignedProposal proposal = sign(staker, parameterChange(staker, CANARY, 10, "canary 10 %"));

    Submitted submitted = submitter.submit(proposal);

    NoderrGovernor governor = governor();
    BigInteger expectedId =
        governor
            .hashProposal(
                List.of(governance.parameters().value()),
                List.of(BigInteger.ZERO),
                List.of(Numeric.hexStringToByteArray(proposal.calldatas().getFirst())),
                Hash.sha3("canary 10 %".getBytes(StandardCharsets.UTF_8)))
            .send();
    assertThat(submitted.proposalId()).isEqualTo(expectedId.toString());
    assertThat(governor.proposalProposer(expectedId).send())
        .isEqualTo(Address.of(Credentials.create(staker).getAddress()).value());
    assertThat(
            chain
                .web3j()
                .ethGetTransactionByHash(submitted.transactionHash())
                .send()
                .getTransaction()
                .orElseThrow()
                .getFrom())
        .isEqualTo(SENDER);
  }

  @Test
  void refusals_eachWithItsReason_andNothingIsSent() throws Exception {
    BigInteger sentBefore = sentByThePlatform();
    SignedProposal good = parameterChange(staker, CANARY, 10, "canary 10 %");

    assertRefused(sign(smallStaker, good), "not the proposer");
    assertRefused(withSignature(good, highS(sign(staker, good).signature())), "high s");
    assertRefused(
        sign(staker, withNonce(good, BigInteger.ONE)), "signed with governor nonce 1 but");
    assertRefused(sign(staker, withDeadline(good, chainTime() - 10)), "deadline");
    assertRefused(
        sign(smallStaker, parameterChange(smallStaker, CANARY, 10, "small")),
        "has 500 NODR (500000000000000000000) of votes, below the proposal threshold of 1,000"
            + " NODR");
    assertRefused(
        sign(staker, parameterChange(staker, CANARY, 90, "canary 90 %")),
        "call 1 sets \"rollout.canaryPercent\" to 90, outside its range [1, 50]");
    assertRefused(
        sign(staker, parameterChange(staker, "no.such.parameter", 1, "unknown")),
        "\"no.such.parameter\", which is not a parameter");
    assertRefused(
        new SignedProposal(
            good.proposer(),
            good.targets(),
            List.of(),
            good.calldatas(),
            "uneven",
            BigInteger.ZERO,
            good.deadline(),
            "0x"),
        "same length");
    assertRefused(
        new SignedProposal(
            good.proposer(),
            List.of(),
            List.of(),
            List.of(),
            "empty",
            BigInteger.ZERO,
            good.deadline(),
            "0x"),
        "at least one call");

    assertThat(sentByThePlatform()).isEqualTo(sentBefore);
  }

  @Test
  void theSameProposalTwice_isRefusedByTheGovernorsSimulation() throws Exception {
    submitter.submit(sign(staker, parameterChange(staker, CANARY, 10, "canary 10 %")));
    chain.advanceTime(Duration.ofSeconds(1));
    BigInteger sentBefore = sentByThePlatform();

    assertRefused(
        sign(staker, parameterChange(staker, CANARY, 10, "canary 10 %")),
        "a proposal with the same calls and description already exists");

    assertThat(sentByThePlatform()).isEqualTo(sentBefore);
  }

  @Test
  void anUnreachableEndpoint_isAnIOException_withoutTheApiKey() throws Exception {
    SignedProposal proposal = sign(staker, parameterChange(staker, CANARY, 10, "canary 10 %"));
    BeaconProperties unreachable = beacon("http://127.0.0.1:1/rpc?apikey=" + SECRET);
    try (ChainBeacon offlineBeacon = ChainBeacon.connect(unreachable, true)) {
      ChainProposalSubmitter offline =
          new ChainProposalSubmitter(governanceProperties(), unreachable, offlineBeacon);

      assertThatThrownBy(() -> offline.submit(proposal))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("http://127.0.0.1:1 failed")
          .hasMessageNotContaining(SECRET);
    }
  }

  @Test
  void theBeanExists_onlyWithTheBeaconOnChain_andTheGovernorConfigured() {
    ApplicationContextRunner worker =
        new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, ProposalSubmitterConfiguration.class)
            .withBean(ChainBeacon.class, () -> beacon)
            .withPropertyValues(
                "noderr.beacon.chain-id=1337",
                "noderr.beacon.multisig-address=" + beaconContracts.multisig(),
                "noderr.beacon.sender-keystore=" + keystore,
                "noderr.beacon.sender-keystore-password=" + PASSWORD);
    String[] governed = {
      "noderr.governance.governor-address=" + governance.governor(),
      "noderr.governance.staking-address=" + governance.staking(),
      "noderr.governance.parameters-address=" + governance.parameters(),
      "noderr.governance.timelock-address=" + governance.timelock(),
      "noderr.governance.token-address=" + governance.token()
    };

    worker
        .withPropertyValues("noderr.beacon.rpc-url=" + chain.rpcUrl())
        .withPropertyValues(governed)
        .run(context -> assertThat(context).hasSingleBean(ProposalSubmitter.class));
    worker
        .withPropertyValues("noderr.beacon.rpc-url=" + chain.rpcUrl())
        .run(context -> assertThat(context).doesNotHaveBean(ProposalSubmitter.class));
    worker
        .withPropertyValues(governed)
        .run(context -> assertThat(context).doesNotHaveBean(ProposalSubmitter.class));
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({GovernanceProperties.class, BeaconProperties.class})
  static class Properties {}

  private void assertRefused(SignedProposal proposal, String reason) {
    assertThatThrownBy(() -> submitter.submit(proposal))
        .isInstanceOf(ProposalRefusedException.class)
        .hasMessageContaining(reason);
  }

  private SignedProposal parameterChange(
      ECKeyPair proposer, String name, long value, String description) throws Exception {
    return new SignedProposal(
        Address.of(Credentials.create(proposer).getAddress()),
        List.of(governance.parameters()),
        List.of(BigInteger.ZERO),
        List.of(new SetParameterCall(name, BigInteger.valueOf(value)).encode()),
        description,
        governor().nonces(Credentials.create(proposer).getAddress()).send(),
        chainTime() + 3600,
        "");
  }

  /** Signed with {@code key}, the proposer's or not. */
  private SignedProposal sign(ECKeyPair key, SignedProposal proposal) {
    return withSignature(
        proposal, Signatures.sign(new ProposalSubmission(domain(), proposal).digest(), key));
  }

  private static SignedProposal withSignature(SignedProposal p, String signature) {
    return new SignedProposal(
        p.proposer(),
        p.targets(),
        p.values(),
        p.calldatas(),
        p.description(),
        p.nonce(),
        p.deadline(),
        signature);
  }

  private static SignedProposal withNonce(SignedProposal p, BigInteger nonce) {
    return new SignedProposal(
        p.proposer(),
        p.targets(),
        p.values(),
        p.calldatas(),
        p.description(),
        nonce,
        p.deadline(),
        "");
  }

  private static SignedProposal withDeadline(SignedProposal p, long deadline) {
    return new SignedProposal(
        p.proposer(),
        p.targets(),
        p.values(),
        p.calldatas(),
        p.description(),
        p.nonce(),
        deadline,
        "");
  }

  /** The same signature's malleable twin: s' = n - s, v flipped. */
  private static String highS(String signature) {
    byte[] bytes = Numeric.hexStringToByteArray(signature);
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(bytes, 32, 64));
    System.arraycopy(
        Numeric.toBytesPadded(Sign.CURVE_PARAMS.getN().subtract(s), 32), 0, bytes, 32, 32);
    bytes[64] = (byte) (bytes[64] == 27 ? 28 : 27);
    return Numeric.toHexString(bytes);
  }

  private void stake(ECKeyPair operator, BigInteger amount) throws Exception {
    RawTransactionManager tx =
        new RawTransactionManager(
            chain.web3j(),
            Credentials.create(operator),
            DevChain.CHAIN_ID,
            new PollingTransactionReceiptProcessor(chain.web3j(), 100, 300));
    NoderrToken.load(governance.token().value(), chain.web3j(), tx, DevChain.GAS)
        .approve(governance.staking().value(), amount)
        .send();
    NoderrStaking.load(governance.staking().value(), chain.web3j(), tx, DevChain.GAS)
        .stake(amount)
        .send();
  }

  private NoderrGovernor governor() {
    return NoderrGovernor.load(
        governance.governor().value(), chain.web3j(), chain.transactions(), DevChain.GAS);
  }

  private GovernorDomain domain() {
    return new GovernorDomain(DevChain.CHAIN_ID, governance.governor());
  }

  private long chainTime() throws IOException {
    return chain
        .web3j()
        .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
        .send()
        .getBlock()
        .getTimestamp()
        .longValueExact();
  }

  private BigInteger sentByThePlatform() throws IOException {
    return chain
        .web3j()
        .ethGetTransactionCount(SENDER, DefaultBlockParameterName.LATEST)
        .send()
        .getTransactionCount();
  }

  private GovernanceProperties governanceProperties() {
    return new GovernanceProperties(
        governance.governor(),
        governance.staking(),
        governance.parameters(),
        governance.timelock(),
        governance.token(),
        Duration.ofMillis(100),
        0,
        0);
  }

  private static BeaconProperties beacon(String rpcUrl) {
    return TEST_CHAIN.beacon(
        rpcUrl, DevChain.CHAIN_ID, beaconContracts.multisig(), null, 1_000_000);
  }

  private static String urlWithKey() {
    return chain.rpcUrl() + "/?apikey=" + SECRET;
  }
}
