package io.noderr.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.noderr.cli.governance.GovernanceClient;
import io.noderr.cli.governance.GovernanceInfo;
import io.noderr.cli.governance.GovernorNonce;
import io.noderr.cli.governance.ProposalAnswer;
import io.noderr.cli.governance.SubmissionOutcome;
import io.noderr.cli.signer.SignerKey;
import io.noderr.cli.signer.SigningRefused;
import io.noderr.signing.Address;
import io.noderr.signing.GovernorDomain;
import io.noderr.signing.ProposalSubmission;
import io.noderr.signing.SetParameterCall;
import io.noderr.signing.SignedProposal;
import io.noderr.signing.SignedProposalJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.web3j.crypto.ECKeyPair;
import org.web3j.utils.Numeric;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code propose}: an operator proposes a parameter change with the key on their own machine. The
 * proposal ({@code setParameter} on the parameter registry) is built and signed here for the
 * governor's {@code proposeBySig}, so the operator's stake counts for the threshold; the platform
 * submits it, or, with {@code --sign-only}, the operator's node does ({@code noderr agent
 * propose}).
 */
@Command(
    name = "propose",
    mixinStandardHelpOptions = true,
    description = {
      "Propose a governance parameter change, signed with your keystore (EIP-712 ProposeBySig):"
          + " the platform submits it, or --sign-only writes it for your node to submit.",
      "Your governor nonce comes from --nonce, or is read from the chain with --rpc.",
      "Exit codes: 0 submitted or written, 1 refused or failed, 2 usage."
    })
class ProposeCommand implements Callable<Integer> {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Spec CommandSpec spec;

  @Mixin PlatformLogin login;

  @Mixin GovernorPinOptions pinOptions;

  @Option(
      names = "--parameter",
      required = true,
      paramLabel = "NAME",
      description = "The governed parameter, e.g. rollout.canaryPercent (docs/governance.md).")
  String parameter;

  @Option(
      names = "--value",
      required = true,
      paramLabel = "V",
      description = "The new value, an unsigned integer (token amounts in 18-decimal units).")
  BigInteger value;

  @Option(
      names = "--description",
      required = true,
      paramLabel = "TEXT",
      description = "What the proposal does and why; voters read it.")
  String description;

  @Mixin SigningKeyOptions key = new SigningKeyOptions();

  @ArgGroup(exclusive = true, multiplicity = "1")
  NonceSource nonceSource;

  static final class NonceSource {
    @Option(
        names = "--nonce",
        required = true,
        paramLabel = "N",
        description = "Your current nonce on the governor (nonces(you)); ballots use it too.")
    BigInteger nonce;

    @Option(
        names = "--rpc",
        required = true,
        paramLabel = "URL",
        description = "The chain's JSON-RPC endpoint, to read your governor nonce from the chain.")
    URI rpc;
  }

  @Option(
      names = "--valid-hours",
      defaultValue = "24",
      paramLabel = "H",
      description = "Hours the signature stays valid (default: ${DEFAULT-VALUE}).")
  int validHours;

  @Option(
      names = "--sign-only",
      description = "Write the signed proposal to --out instead of submitting it.")
  boolean signOnly;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "With --sign-only: where to write the signed proposal (JSON).")
  Path out;

  @Option(
      names = "--wait",
      defaultValue = "60",
      paramLabel = "SECONDS",
      description =
          "How long to wait for the platform to get the proposal on chain and say how it went"
              + " (default: ${DEFAULT-VALUE}; 0: do not wait).")
  int waitSeconds;

  private final Terminal terminal;

  ProposeCommand() {
    this(Terminal.system());
  }

  ProposeCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    validate();
    PrintWriter stdout = spec.commandLine().getOut();
    SignerKey signer = key.read();
    GovernanceClient client = new GovernanceClient(login.platform(), login.authorization(terminal));
    GovernanceInfo governance = client.governance();
    if (!governance.on()) {
      throw new SigningRefused(
          "governance is off on this platform, nothing to propose to ("
              + governance.reason()
              + ")");
    }
    GovernorDomain domain =
        new GovernorDomain(governance.chainId(), Address.of(governance.contracts().governor()));
    pinOptions.pins(spec.commandLine().getErr()).require(domain);
    ProposalSubmission submission =
        new ProposalSubmission(domain, proposal(signer.address(), governance, domain));
    show(submission, signer.address(), stdout);
    if (!key.confirmed(terminal, "Sign this proposal? [y/N] ")) {
      stdout.println("nothing signed");
      return 1;
    }
    ECKeyPair pair = key.unlock(signer, terminal);
    SignedProposal signed = submission.sign(pair);
    if (signOnly) {
      write(signed);
      stdout.println(
          "signed proposal written to "
              + out
              + "; submit it from your node with: noderr agent propose --proposal-file "
              + out);
      return 0;
    }
    ProposalAnswer answer = client.propose(signed);
    stdout.println(
        "proposal " + answer.proposalId() + " submitted (workflow " + answer.workflowId() + ")");
    String outcome =
        new SubmissionOutcome(client, Duration.ofSeconds(waitSeconds)).await(answer.proposalId());
    if (outcome != null) {
      stdout.println(outcome);
    }
    return 0;
  }

  private void validate() {
    login.validate(terminal);
    if (value.signum() < 0 || value.bitLength() > 256) {
      throw usage("--value must be an unsigned integer that fits a uint256");
    }
    if (parameter.isBlank()) {
      throw usage("--parameter needs a parameter name");
    }
    if (description.isBlank()) {
      throw usage("--description needs the proposal's text");
    }
    if (waitSeconds < 0 || waitSeconds > 3600) {
      throw usage("--wait must be 0 to 3600 seconds");
    }
    if (validHours < 1 || validHours > 24 * 30) {
      throw usage("--valid-hours must be between 1 and 720");
    }
    if (signOnly != (out != null)) {
      throw usage("--sign-only and --out go together");
    }
    if (nonceSource.nonce != null && nonceSource.nonce.signum() < 0) {
      throw usage("--nonce must be zero or positive");
    }
  }

  private SignedProposal proposal(
      Address proposer, GovernanceInfo governance, GovernorDomain domain) {
    BigInteger nonce =
        nonceSource.nonce != null
            ? nonceSource.nonce
            : GovernorNonce.read(nonceSource.rpc, domain, proposer);
    return new SignedProposal(
        proposer,
        List.of(Address.of(governance.contracts().parameters())),
        List.of(BigInteger.ZERO),
        List.of(new SetParameterCall(parameter, value).encode()),
        description,
        nonce,
        Instant.now().plus(Duration.ofHours(validHours)).getEpochSecond(),
        "");
  }

  private void write(SignedProposal signed) {
    try {
      JSON.writeValue(out.toFile(), SignedProposalJson.toJson(signed));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
    }
  }

  private void show(ProposalSubmission submission, Address proposer, PrintWriter stdout) {
    stdout.println("Proposal:");
    for (String line : submission.summary()) {
      stdout.println("  " + line);
    }
    stdout.println("  EIP-712 digest    " + Numeric.toHexString(submission.digest()));
    stdout.println("  signing as        " + proposer.checksummed());
    stdout.flush();
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
