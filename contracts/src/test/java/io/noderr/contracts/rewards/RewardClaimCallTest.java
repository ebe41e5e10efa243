package io.noderr.contracts.rewards;

import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.contracts.generated.RewardDistributor;
import io.noderr.signing.Address;
import io.noderr.signing.RewardClaimCall;
import io.noderr.signing.RewardLeaf;
import io.noderr.signing.RewardTree;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;

/** The claim a browser wallet sends is exactly the call the distributor's ABI encodes. */
class RewardClaimCallTest {

  @Test
  void calldata_isTheDistributorsClaimCall() {
    Address alice = Address.of("0x" + "a1".repeat(20));
    RewardLeaf leaf = new RewardLeaf(3, alice, BigInteger.valueOf(700));
    RewardTree tree =
        RewardTree.of(
            List.of(leaf, new RewardLeaf(3, Address.of("0x" + "b2".repeat(20)), BigInteger.TEN)));
    Web3j unused = Web3j.build(new HttpService("http://127.0.0.1:1"));
    RewardDistributor distributor =
        RewardDistributor.load(
            "0x" + "cc".repeat(20),
            unused,
            new ReadonlyTransactionManager(unused, alice.value()),
            new StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO));

    assertThat(RewardClaimCall.calldata(leaf, tree.proof(alice)))
        .isEqualTo(
            distributor
                .claim(
                    BigInteger.valueOf(3),
                    alice.value(),
                    BigInteger.valueOf(700),
                    tree.proof(alice))
                .encodeFunctionCall());
    unused.shutdown();
  }
}
