package io.noderr.cli.governance;

import static io.noderr.contracts.devchain.GovernanceSettings.nodr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.cli.signer.SigningRefused;
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
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/**
 * {@code noderr propose --rpc}: the proposer's governor nonce read from a real chain (ganache),
 * before and after a proposal by signature used it, and an endpoint of another chain refused.
 */
class GovernorNonceIT {

  private static DevChain chain;
  private static DemoGovernance governance;
  private static final ECKeyPair OPERATOR = DemoOperators.key(1);
  private static final Address ME = Signatures.addressOf(OPERATOR);

  @BeforeAll
  static void deploy() throws Exception {
    chain = DevChain.start();
    governance = DemoGovernance.deploy(chain, DemoSigners.addresses().get(0));
  }

  @AfterAll
  static void stop() {
    chain.close();
  }

  @Test
  void readsTheNonce_beforeAndAfterAProposalBySignatureUsedIt() throws Exception {
    GovernorDomain domain = new GovernorDomain(DevChain.CHAIN_ID, governance.governor());
    URI rpc = URI.create(chain.rpcUrl());
    assertThat(GovernorNonce.read(rpc, domain, ME)).isZero();

    proposeBySignature(domain);

    assertThat(GovernorNonce.read(rpc, domain, ME)).isEqualTo(BigInteger.ONE);
  }

  @Test
  void anEndpointOfAnotherChain_isRefused() {
    GovernorDomain otherChain = new GovernorDomain(5, governance.governor());

    assertThatThrownBy(() -> GovernorNonce.read(URI.create(chain.rpcUrl()), otherChain, ME))
        .isInstanceOf(SigningRefused.class)
        .hasMessage("--rpc serves chain 1337, not the governor's 5");
  }

  private static void proposeBySignature(GovernorDomain domain) throws Exception {
    RawTransactionManager operator =
        new RawTransactionManager(
            chain.web3j(),
            Credentials.create(OPERATOR),
            DevChain.CHAIN_ID,
            new PollingTransactionReceiptProcessor(chain.web3j(), 100, 300));
    NoderrToken.load(governance.token().value(), chain.web3j(), operator, DevChain.GAS)
        .approve(governance.staking().value(), nodr(2_000))
        .send();
    NoderrStaking.load(governance.staking().value(), chain.web3j(), operator, DevChain.GAS)
        .stake(nodr(2_000))
        .send();
    chain.advanceTime(Duration.ofSeconds(1));
    long now =
        chain
            .web3j()
            .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
            .send()
            .getBlock()
            .getTimestamp()
            .longValueExact();
    String call = new SetParameterCall("rollout.canaryPercent", BigInteger.TEN).encode();
    SignedProposal signed =
        new ProposalSubmission(
                domain,
                new SignedProposal(
                    ME,
                    List.of(governance.parameters()),
                    List.of(BigInteger.ZERO),
                    List.of(call),
                    "canary 10 %",
                    BigInteger.ZERO,
                    now + 3600,
                    ""))
            .sign(OPERATOR);
    NoderrGovernor.load(
            governance.governor().value(), chain.web3j(), chain.transactions(), DevChain.GAS)
        .proposeBySig(
            List.of(governance.parameters().value()),
            List.of(BigInteger.ZERO),
            List.of(Numeric.hexStringToByteArray(call)),
            "canary 10 %",
            ME.value(),
            BigInteger.valueOf(signed.deadline()),
            Numeric.hexStringToByteArray(signed.signature()))
        .send();
  }
}
