package io.noderr.app;

import io.noderr.contracts.devchain.DemoOperators;
import io.noderr.contracts.devchain.DevChain;
import io.noderr.contracts.generated.NoderrStaking;
import io.noderr.contracts.generated.NoderrToken;
import io.noderr.worker.governance.GovernanceProperties;
import java.math.BigInteger;
import org.springframework.context.ConfigurableApplicationContext;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/** Demo operators staking from their own keys on the dev chain a platform started itself. */
final class DevChainStakes {

  private DevChainStakes() {}

  /** Demo operator {@code number} approves and stakes {@code amount} token units. */
  static void stake(ConfigurableApplicationContext platform, int number, BigInteger amount)
      throws Exception {
    GovernanceProperties governance = platform.getBean(GovernanceProperties.class);
    Web3j web3j =
        Web3j.build(
            new HttpService(platform.getEnvironment().getProperty("noderr.chain.embedded-url")));
    try {
      TransactionManager operator =
          new RawTransactionManager(
              web3j,
              Credentials.create(DemoOperators.key(number)),
              DevChain.CHAIN_ID,
              new PollingTransactionReceiptProcessor(web3j, 100, 300));
      NoderrToken.load(governance.tokenAddress().value(), web3j, operator, DevChain.GAS)
          .approve(governance.stakingAddress().value(), amount)
          .send();
      NoderrStaking.load(governance.stakingAddress().value(), web3j, operator, DevChain.GAS)
          .stake(amount)
          .send();
    } finally {
      web3j.shutdown();
    }
  }
}
