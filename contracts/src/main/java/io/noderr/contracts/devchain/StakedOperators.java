package io.noderr.contracts.devchain;

import io.noderr.contracts.generated.NoderrGovernor;
import io.noderr.contracts.generated.NoderrStaking;
import io.noderr.contracts.generated.NoderrToken;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.Transfer;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Convert;

/**
 * Operators with keys of their own on a dev chain's governance deployment: funded with ether for
 * gas, minted stake tokens (the deployer owns the dev token) and staked, and the contracts as they
 * see them (transactions signed with their own key). For development and tests.
 */
public final class StakedOperators {

  /**
   * Ether for an operator's own gas. A transaction needs gas limit × price up front (0.12 ETH with
   * {@link DevChain#GAS}) and staking spends ~0.004 ETH; the sender (ganache's account 0, 1,000
   * ETH) funds every operator, so 0.25 each leaves room for 3,000 operators, where 1 ETH ran dry
   * before the 1,000th.
   */
  private static final BigDecimal GAS_MONEY = new BigDecimal("0.25");

  private final DevChain chain;
  private final DemoGovernance governance;

  public StakedOperators(DevChain chain, DemoGovernance governance) {
    this.chain = chain;
    this.governance = governance;
  }

  /** A new operator holding and staking {@code tokens} NODR (0: holding none, staking none). */
  public ECKeyPair create(long tokens) throws Exception {
    ECKeyPair key = Keys.createEcKeyPair();
    Credentials credentials = Credentials.create(key);
    Transfer.sendFunds(
            chain.web3j(), chain.sender(), credentials.getAddress(), GAS_MONEY, Convert.Unit.ETHER)
        .send();
    if (tokens > 0) {
      BigInteger amount = GovernanceSettings.nodr(tokens);
      governance.token(chain).mint(credentials.getAddress(), amount).send();
      stake(key, amount);
    }
    return key;
  }

  /**
   * An operator holding stake tokens already (e.g. a demo operator, minted its tokens by the dev
   * chain deployment) approves and stakes {@code amount} token units with its own key.
   */
  public void stake(ECKeyPair key, BigInteger amount) throws Exception {
    NoderrToken.load(governance.token().value(), chain.web3j(), as(key), DevChain.GAS)
        .approve(governance.staking().value(), amount)
        .send();
    staking(key).stake(amount).send();
  }

  public NoderrStaking staking(ECKeyPair key) {
    return NoderrStaking.load(governance.staking().value(), chain.web3j(), as(key), DevChain.GAS);
  }

  public NoderrGovernor governor(ECKeyPair key) {
    return NoderrGovernor.load(governance.governor().value(), chain.web3j(), as(key), DevChain.GAS);
  }

  private TransactionManager as(ECKeyPair key) {
    return new RawTransactionManager(
        chain.web3j(),
        Credentials.create(key),
        DevChain.CHAIN_ID,
        new PollingTransactionReceiptProcessor(chain.web3j(), 100, 300));
  }
}
