package io.noderr.workflows.governance;

import io.noderr.activities.governance.ProposalCalls;
import io.noderr.signing.Address;
import io.noderr.signing.GovernorBallot;
import io.noderr.signing.ProposalIds;
import io.noderr.signing.Signatures;
import java.math.BigInteger;
import java.util.List;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/** Fixed keys, one proposal and ballots signed as {@code noderr vote} signs them. */
final class Ballots {

  static final ECKeyPair VOTER = ECKeyPair.create(BigInteger.valueOf(0xA11CE));
  static final ECKeyPair OTHER_VOTER = ECKeyPair.create(BigInteger.valueOf(0xB0B));
  static final ECKeyPair NON_STAKER = ECKeyPair.create(BigInteger.valueOf(0xC0FFEE));
  static final String PROPOSER = Signatures.addressOf(VOTER).value();
  static final String PARAMETERS = "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512";

  static final ProposalCalls CALLS = calls("Raise the canary to 10 %");

  private Ballots() {}

  static ProposalCalls calls(String description) {
    List<String> calldatas = List.of("0x12345678");
    BigInteger id =
        ProposalIds.of(
            List.of(Address.of(PARAMETERS)), List.of(BigInteger.ZERO), calldatas, description);
    return new ProposalCalls(
        id.toString(), List.of(PARAMETERS), List.of("0"), calldatas, description);
  }

  static String address(ECKeyPair key) {
    return Signatures.addressOf(key).value();
  }

  static BallotCommand ballot(ECKeyPair key, String support) {
    return ballot(key, support, FakeGovernor.CHAIN_ID, FakeGovernor.GOVERNOR, CALLS.proposalId());
  }

  /** A ballot signed in the given domain and for the given proposal, sent to {@link #CALLS}. */
  static BallotCommand ballot(
      ECKeyPair key, String support, long chainId, String governor, String signedProposalId) {
    int code = BallotRules.support(support);
    String signature =
        new GovernorBallot(
                chainId,
                Address.of(governor),
                new BigInteger(signedProposalId),
                code,
                Signatures.addressOf(key),
                BigInteger.ZERO)
            .sign(key);
    return new BallotCommand(CALLS.proposalId(), address(key), support, "0", signature, "alice");
  }

  static BallotCommand withSignature(BallotCommand ballot, String signature) {
    return new BallotCommand(
        ballot.proposalId(),
        ballot.voter(),
        ballot.support(),
        ballot.nonce(),
        signature,
        ballot.submittedBy());
  }

  /** The same signature's high-s twin: s' = n - s, v flipped. Valid for ecrecover, refused. */
  static String highS(String signature) {
    byte[] bytes = Numeric.hexStringToByteArray(signature);
    BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(bytes, 32, 64));
    byte[] flipped = Numeric.toBytesPadded(Sign.CURVE_PARAMS.getN().subtract(s), 32);
    System.arraycopy(flipped, 0, bytes, 32, 32);
    bytes[64] = (byte) (bytes[64] == 27 ? 28 : 27);
    return Numeric.toHexString(bytes);
  }
}
