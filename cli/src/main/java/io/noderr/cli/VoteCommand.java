package io.noderr.cli;

import io.noderr.cli.governance.BallotAnswer;
import io.noderr.cli.governance.BallotRequest;
import io.noderr.cli.governance.GovernanceClient;
import io.noderr.cli.signer.SignerKey;
import io.noderr.cli.signer.SigningRefused;
import io.noderr.signing.Address;
import io.noderr.signing.GovernorBallot;
import io.noderr.signing.GovernorDomain;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import org.web3j.crypto.ECKeyPair;
import org.web3j.utils.Numeric;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vote}: an operator votes on a proposal with the key on their own machine. The ballot
 * (Governor's {@code castVoteBySig}) is built and signed here from what the platform says the
 * proposal is, after the pins and the proposal's state are checked; the platform only relays it.
 */
@Command(
    name = "vote",
    mixinStandardHelpOptions = true,
    description = {
      "Vote on a governance proposal with your keystore: the EIP-712 ballot is signed here and"
          + " the platform relays it to the governor.",
      "Exit codes: 0 counted, 1 refused or failed, 2 usage."
    })
class VoteCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin PlatformLogin login;

  @Mixin GovernorPinOptions pinOptions;

  @Parameters(index = "0", paramLabel = "PROPOSAL_ID", description = "The proposal id (decimal).")
  String proposalId;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Choice choice;

  static final class Choice {
    @Option(names = "--for", required = true, description = "Vote for the proposal.")
    boolean forVote;

    @Option(names = "--against", required = true, description = "Vote against the proposal.")
    boolean against;

    @Option(names = "--abstain", required = true, description = "Abstain (counts for quorum).")
    boolean abstain;

    int support() {
      return forVote
          ? GovernorBallot.FOR
          : against ? GovernorBallot.AGAINST : GovernorBallot.ABSTAIN;
    }

    String name() {
      return forVote ? "FOR" : against ? "AGAINST" : "ABSTAIN";
    }
  }

  @Mixin SigningKeyOptions key = new SigningKeyOptions();

  private final Terminal terminal;

  VoteCommand() {
    this(Terminal.system());
  }

  VoteCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    login.validate(terminal);
    BigInteger id = ProposalIds.parse(spec.commandLine(), proposalId);
    PrintWriter out = spec.commandLine().getOut();
    SignerKey signer = key.read();
    GovernanceClient client = new GovernanceClient(login.platform(), login.authorization(terminal));
    BallotRequest request = client.ballot(id, signer.address());
    GovernorBallot ballot = review(request, id, signer.address());
    pinOptions.pins(spec.commandLine().getErr()).require(domainOf(ballot));
    show(request, ballot, out);
    if (!key.confirmed(terminal, "Sign this ballot? [y/N] ")) {
      out.println("nothing signed");
      return 1;
    }
    ECKeyPair pair = key.unlock(signer, terminal);
    BallotAnswer answer = client.castBallot(id, signer.address(), choice.name(), ballot.sign(pair));
    out.println(
        "vote "
            + answer.support()
            + " counted with weight "
            + Tokens.format(answer.weight())
            + " in transaction "
            + answer.transaction());
    return 0;
  }

  /** The ballot for what the platform answered, refused unless it is this proposal, open, ours. */
  private GovernorBallot review(BallotRequest request, BigInteger id, Address voter) {
    if (!id.toString().equals(request.proposalId())) {
      throw new SigningRefused(
          "the platform answered for proposal " + request.proposalId() + ", not " + id);
    }
    if (request.voter() == null || !voter.equals(Address.of(request.voter()))) {
      throw new SigningRefused(
          "the platform answered for voter " + request.voter() + ", not " + voter.checksummed());
    }
    if (!"ACTIVE".equals(request.state())) {
      throw new SigningRefused(
          "proposal " + id + " is " + request.state() + ", not open for votes — not signing");
    }
    if (voteEnd(request).isBefore(Instant.now())) {
      throw new SigningRefused(
          "voting on proposal " + id + " ended at " + request.voteEnd() + " — not signing");
    }
    if (request.chainId() == null || request.governor() == null || request.nonce() == null) {
      throw new SigningRefused("the platform's ballot request lacks its chain, governor or nonce");
    }
    return new GovernorBallot(
        request.chainId(),
        Address.of(request.governor()),
        id,
        choice.support(),
        voter,
        new BigInteger(request.nonce()));
  }

  private static Instant voteEnd(BallotRequest request) {
    try {
      return Instant.parse(request.voteEnd());
    } catch (DateTimeParseException | NullPointerException e) {
      throw new SigningRefused(
          "the platform's voteEnd is not an ISO-8601 time: " + request.voteEnd());
    }
  }

  private static GovernorDomain domainOf(GovernorBallot ballot) {
    return new GovernorDomain(ballot.chainId(), ballot.governor());
  }

  private void show(BallotRequest request, GovernorBallot ballot, PrintWriter out) {
    out.println("Ballot for proposal " + ballot.proposalId() + ":");
    out.println("  proposal          " + request.description());
    out.println("  your vote         " + choice.name());
    out.println("  voting ends       " + request.voteEnd());
    out.println("  voting as         " + ballot.voter().checksummed());
    out.println("  governor nonce    " + ballot.nonce());
    out.println("  chain id          " + ballot.chainId());
    out.println("  governor          " + ballot.governor().checksummed());
    out.println("  EIP-712 digest    " + Numeric.toHexString(ballot.digest()));
    out.flush();
  }
}
