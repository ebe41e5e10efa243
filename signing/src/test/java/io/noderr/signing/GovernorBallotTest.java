package io.noderr.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;

class GovernorBallotTest {

  private static final Address GOVERNOR = Address.of("0x" + "11".repeat(20));
  private static final Address VOTER = DemoSigners.addresses().get(0);

  @Test
  void signature_recoversToTheVoter_andTheDigestBindsEveryField() {
    GovernorBallot ballot = ballot(1337, GovernorBallot.FOR, BigInteger.ZERO);

    String signature = ballot.sign(DemoSigners.key(1));

    assertThat(Signatures.recover(ballot.digest(), signature)).isEqualTo(VOTER);
    assertThat(ballot(1337, GovernorBallot.AGAINST, BigInteger.ZERO).digest())
        .isNotEqualTo(ballot.digest());
    assertThat(ballot(1337, GovernorBallot.FOR, BigInteger.ONE).digest())
        .isNotEqualTo(ballot.digest());
    assertThat(ballot(84532, GovernorBallot.FOR, BigInteger.ZERO).digest())
        .isNotEqualTo(ballot.digest());
  }

  @Test
  void typedData_hashesToTheDigest_soAWalletsSignatureRecoversToTheVoter() throws Exception {
    GovernorBallot ballot =
        new GovernorBallot(
            1337,
            GOVERNOR,
            new BigInteger("98765432109876543210987654321"),
            GovernorBallot.ABSTAIN,
            VOTER,
            BigInteger.valueOf(7));
    String json = new ObjectMapper().writeValueAsString(ballot.typedData());

    byte[] standard = new StructuredDataEncoder(json).hashStructuredData();
    Sign.SignatureData wallet = Sign.signMessage(standard, DemoSigners.key(1), false);
    String walletSignature =
        Numeric.toHexString(wallet.getR())
            + Numeric.toHexStringNoPrefix(wallet.getS())
            + Numeric.toHexStringNoPrefix(wallet.getV());

    assertThat(standard).isEqualTo(ballot.digest());
    assertThat(Signatures.recover(ballot.digest(), walletSignature)).isEqualTo(VOTER);
    assertThat(json)
        .contains("\"primaryType\":\"Ballot\"")
        .contains("\"name\":\"NoderrGovernor\"")
        .contains("\"verifyingContract\":\"" + GOVERNOR.checksummed() + "\"");
  }

  @Test
  void supportNames_areIndexedByTheGovernorsSupportNumbers() {
    assertThat(GovernorBallot.SUPPORT_NAMES.get(GovernorBallot.AGAINST)).isEqualTo("AGAINST");
    assertThat(GovernorBallot.SUPPORT_NAMES.get(GovernorBallot.FOR)).isEqualTo("FOR");
    assertThat(GovernorBallot.SUPPORT_NAMES.get(GovernorBallot.ABSTAIN)).isEqualTo("ABSTAIN");
  }

  @Test
  void refusesAnotherKey_unknownSupport_andABadChainId() {
    GovernorBallot ballot = ballot(1337, GovernorBallot.ABSTAIN, BigInteger.ZERO);

    assertThatThrownBy(() -> ballot.sign(DemoSigners.key(2)))
        .hasMessageContaining("does not belong to voter");
    assertThatThrownBy(() -> ballot(1337, 3, BigInteger.ZERO))
        .hasMessageContaining("support must be 0 (against), 1 (for) or 2 (abstain)");
    assertThatThrownBy(() -> ballot(0, GovernorBallot.FOR, BigInteger.ZERO))
        .hasMessageContaining("chain id must be positive");
  }

  private static GovernorBallot ballot(long chainId, int support, BigInteger nonce) {
    return new GovernorBallot(chainId, GOVERNOR, BigInteger.valueOf(42), support, VOTER, nonce);
  }
}
