package io.noderr.contracts.rewards;

import static io.noderr.contracts.Reverts.assertRevertsWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.contracts.devchain.DevChain;
import io.noderr.contracts.generated.FeeCollector;
import io.noderr.contracts.generated.NoderrToken;
import io.noderr.signing.Address;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.Transfer;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Convert;
import org.web3j.utils.Numeric;

/**
 * The FeeCollector on a real EVM (ganache): fees paid with a reference or transferred plainly are
 * swept out by the split's basis points, the rounding remainder to the first recipient; only the
 * owner changes the split, and only to a valid one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeeCollectorIT {

  private static final byte[] REFERENCE = Numeric.hexStringToByteArray("fe".repeat(32));
  private static final List<BigInteger> THIRDS = shares(3_333, 3_333, 3_334);

  private DevChain chain;
  private final ECKeyPair owner = RewardsFixture.newKey();
  private final List<String> recipients =
      Stream.generate(RewardsFixture::newKey)
          .limit(3)
          .map(key -> RewardsFixture.address(key).value())
          .toList();
  private NoderrToken token;
  private FeeCollector fees;

  @BeforeAll
  void startChain() throws Exception {
    chain = DevChain.start();
    Transfer.sendFunds(
            chain.web3j(),
            chain.sender(),
            RewardsFixture.address(owner).value(),
            BigDecimal.ONE,
            Convert.Unit.ETHER)
        .send();
  }

  @AfterAll
  void stopChain() {
    chain.close();
  }

  @BeforeEach
  void deploy() throws Exception {
    token =
        NoderrToken.deploy(
                chain.web3j(), chain.transactions(), DevChain.GAS, chain.sender().getAddress())
            .send();
    fees =
        FeeCollector.deploy(
                chain.web3j(),
                chain.transactions(),
                DevChain.GAS,
                token.getContractAddress(),
                RewardsFixture.address(owner).value(),
                recipients,
                THIRDS)
            .send();
    token.mint(chain.sender().getAddress(), BigInteger.valueOf(1_000_000)).send();
  }

  @Test
  void feesPaidWithAReference_andTransferredPlainly_areSweptByShares_theRemainderToTheFirst()
      throws Exception {
    token.approve(fees.getContractAddress(), BigInteger.valueOf(1_001)).send();
    TransactionReceipt paid = fees.payFee(BigInteger.valueOf(1_001), REFERENCE).send();
    token.transfer(fees.getContractAddress(), BigInteger.TEN).send();

    FeeCollector.FeeReceivedEventResponse received = FeeCollector.getFeeReceivedEvents(paid).get(0);
    assertThat(received.payer).isEqualToIgnoringCase(chain.sender().getAddress());
    assertThat(received.amount).isEqualTo(BigInteger.valueOf(1_001));
    assertThat(received.paymentReference).isEqualTo(REFERENCE);

    TransactionReceipt swept = fees.sweep().send();

    // 1,011 × 33.33 % = 336.97 → 336 twice, × 33.34 % = 337.07 → 337; the 2 left go first.
    List<BigInteger> expected = List.of(338, 336, 337).stream().map(BigInteger::valueOf).toList();
    for (int i = 0; i < recipients.size(); i++) {
      assertThat(token.balanceOf(recipients.get(i)).send()).isEqualTo(expected.get(i));
    }
    FeeCollector.FeesSweptEventResponse event = FeeCollector.getFeesSweptEvents(swept).get(0);
    assertThat(event.total).isEqualTo(BigInteger.valueOf(1_011));
    assertThat(event.amounts).isEqualTo(expected);
    assertThat(token.balanceOf(fees.getContractAddress()).send()).isZero();
  }

  @Test
  void sweep_ofAnEmptyCollector_andAZeroFee_areRefused() {
    assertRevertsWith(chain.web3j(), fees.sweep(), "NothingToSweep()");
    assertRevertsWith(chain.web3j(), fees.payFee(BigInteger.ZERO, REFERENCE), "ZeroFee()");
  }

  @Test
  void setSplit_byAnyoneButTheOwner_isRefused() {
    assertRevertsWith(
        chain.web3j(),
        fees.setSplit(recipients.subList(0, 1), shares(10_000)),
        "OwnableUnauthorizedAccount(address)",
        new org.web3j.abi.datatypes.Address(chain.sender().getAddress()));
  }

  @Test
  void theOwner_setsOnlyValidSplits() throws Exception {
    FeeCollector asOwner = feesAsOwner();
    String first = recipients.get(0);
    String second = recipients.get(1);
    String zero = Address.of("0x" + "0".repeat(40)).value();

    assertRevertsWith(
        chain.web3j(),
        asOwner.setSplit(List.of(first, second), shares(5_000, 4_999)),
        "SharesNotWhole(uint256)",
        new Uint256(9_999));
    assertRevertsWith(
        chain.web3j(),
        asOwner.setSplit(List.of(first, first), shares(5_000, 5_000)),
        "DuplicateRecipient(address)",
        new org.web3j.abi.datatypes.Address(first));
    assertRevertsWith(
        chain.web3j(),
        asOwner.setSplit(List.of(first, zero), shares(5_000, 5_000)),
        "ZeroRecipient(uint256)",
        new Uint256(1));
    assertRevertsWith(
        chain.web3j(),
        asOwner.setSplit(List.of(), List.of()),
        "BadRecipientCount(uint256)",
        new Uint256(0));
    assertRevertsWith(
        chain.web3j(),
        asOwner.setSplit(List.of(first, second), shares(10_000)),
        "LengthMismatch(uint256,uint256)",
        new Uint256(2),
        new Uint256(1));
    assertThat(fees.split().send().component1()).isEqualTo(recipients);

    asOwner.setSplit(List.of(second, first), shares(7_000, 3_000)).send();

    assertThat(fees.split().send().component1()).isEqualTo(List.of(second, first));
    assertThat(fees.split().send().component2()).isEqualTo(shares(7_000, 3_000));
  }

  private FeeCollector feesAsOwner() {
    return FeeCollector.load(
        fees.getContractAddress(),
        chain.web3j(),
        new RawTransactionManager(
            chain.web3j(),
            Credentials.create(owner),
            DevChain.CHAIN_ID,
            new PollingTransactionReceiptProcessor(chain.web3j(), 100, 300)),
        DevChain.GAS);
  }

  private static List<BigInteger> shares(int... basisPoints) {
    return Arrays.stream(basisPoints).mapToObj(BigInteger::valueOf).toList();
  }
}
