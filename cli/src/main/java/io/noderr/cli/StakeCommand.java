package io.noderr.cli;

import io.noderr.agent.cli.AddressConverter;
import io.noderr.cli.governance.GovernanceClient;
import io.noderr.cli.governance.GovernanceInfo;
import io.noderr.cli.governance.StakeAccount;
import io.noderr.cli.governance.StakeAccount.Standing;
import io.noderr.cli.signer.SignerKey;
import io.noderr.cli.signer.SigningRefused;
import io.noderr.signing.Address;
import io.noderr.signing.GovernorDomain;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.web3j.crypto.ECKeyPair;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code stake}: an operator stakes, unbonds and withdraws with the key on their own machine,
 * through a JSON-RPC endpoint of their choice. Only the governor's address comes from outside
 * ({@code --governor}, or the platform's answer pinned by {@code --expect-governor}); the staking
 * contract and token are read from the chain through it. The platform never holds the key or sends
 * the transactions, so an applicant stakes before having a login.
 */
@Command(
    name = "stake",
    mixinStandardHelpOptions = true,
    description = {
      "Show, add to, unbond or withdraw your stake, with your keystore, through your own RPC"
          + " endpoint (transactions signed here; the platform only names the contracts).",
      "Exit codes: 0 done, 1 refused or failed, 2 usage."
    })
class StakeCommand implements Callable<Integer> {

  private static final BigDecimal UNIT = BigDecimal.TEN.pow(18);

  @Spec CommandSpec spec;

  @Mixin PlatformLogin login;

  @Mixin GovernorPinOptions pinOptions;

  @Mixin SigningKeyOptions key = new SigningKeyOptions();

  @ArgGroup(exclusive = true, multiplicity = "1")
  Action action;

  static final class Action {
    @Option(names = "--status", required = true, description = "Show your stake; send nothing.")
    boolean status;

    @Option(
        names = "--add",
        required = true,
        paramLabel = "NODR",
        description = "Stake this many more tokens (approves the staking contract if needed).")
    BigDecimal add;

    @Option(
        names = "--unbond",
        required = true,
        paramLabel = "NODR",
        description = "Stop this much of your stake voting; withdraw it after the unbonding delay.")
    BigDecimal unbond;

    @Option(
        names = "--withdraw",
        required = true,
        description = "Withdraw what finished unbonding to your wallet.")
    boolean withdraw;
  }

  @Option(
      names = "--governor",
      converter = AddressConverter.class,
      paramLabel = "0x...",
      description =
          "The governor (from the deployment); without it the platform names it (--platform, and"
              + " --expect-governor to pin it). The staking contract and token are read from the"
              + " chain through it.")
  Address governor;

  @Option(
      names = "--rpc",
      required = true,
      paramLabel = "URL",
      description =
          "Your JSON-RPC endpoint of the governance chain (it may carry an API key; never"
              + " printed).")
  URI rpc;

  private final Terminal terminal;

  StakeCommand() {
    this(Terminal.system());
  }

  StakeCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    BigInteger amount = amount();
    if (rpc.getScheme() == null || !rpc.getScheme().matches("https?")) {
      // Not echoed: the URL may carry an API key.
      throw new ParameterException(spec.commandLine(), "--rpc must be an http(s) URL");
    }
    PrintWriter out = spec.commandLine().getOut();
    SignerKey signer = key.read();
    // The governor given here is its own pin; the platform's is checked against the pins.
    GovernorDomain named = governor == null ? fromPlatform() : null;
    try (StakeAccount account =
        new StakeAccount(
            rpc,
            named == null ? governor : named.governor(),
            named == null ? pinOptions.expectedChainId : Long.valueOf(named.chainId()),
            signer.address())) {
      GovernorDomain domain = new GovernorDomain(account.chainId(), account.governor());
      Standing before = account.standing();
      show(signer.address(), account.staking(), domain, before, out);
      if (action.status) {
        return 0;
      }
      String what = check(account, before, amount);
      out.println("  you are about to  " + what);
      out.flush();
      if (!key.confirmed(terminal, "Send this transaction? [y/N] ")) {
        out.println("nothing sent");
        return 1;
      }
      ECKeyPair pair = key.unlock(signer, terminal);
      TransactionReceipt receipt =
          action.add != null
              ? account.stake(pair, amount, before.allowance())
              : action.unbond != null
                  ? account.requestUnbond(pair, amount)
                  : account.withdraw(pair);
      Standing after = account.standing();
      out.println(
          what
              + ": done in transaction "
              + receipt.getTransactionHash()
              + "; active stake now "
              + nodr(after.active())
              + ", votes "
              + nodr(after.votes())
              + (after.unbonding().signum() > 0
                  ? ", unbonding " + nodr(after.unbonding()) + " until " + after.unbondingReadyAt()
                  : ""));
      return 0;
    }
  }

  /** The governor the platform names, checked against the pins. */
  private GovernorDomain fromPlatform() {
    login.validate(terminal);
    GovernanceInfo governance =
        new GovernanceClient(login.platform(), login.authorization(terminal)).governance();
    if (!governance.on()) {
      throw new SigningRefused(
          "governance is off on this platform, there is no stake to manage ("
              + governance.reason()
              + "); give the governor with --governor instead");
    }
    GovernorDomain domain =
        new GovernorDomain(governance.chainId(), Address.of(governance.contracts().governor()));
    pinOptions.pins(spec.commandLine().getErr()).require(domain);
    return domain;
  }

  /** What the action does, refused before anything is signed when the chain would refuse it. */
  private String check(StakeAccount account, Standing before, BigInteger amount) {
    if (action.add != null) {
      if (before.wallet().compareTo(amount) < 0) {
        throw new SigningRefused(
            "your wallet holds "
                + nodr(before.wallet())
                + ", less than the "
                + nodr(amount)
                + " to stake — nothing sent");
      }
      return "stake " + nodr(amount);
    }
    if (action.unbond != null) {
      if (before.active().compareTo(amount) < 0) {
        throw new SigningRefused(
            "your active stake is "
                + nodr(before.active())
                + ", less than the "
                + nodr(amount)
                + " to unbond — nothing sent");
      }
      return "unbond " + nodr(amount);
    }
    if (before.unbonding().signum() == 0) {
      throw new SigningRefused("nothing is unbonding, so there is nothing to withdraw");
    }
    Instant chainTime = account.chainTime();
    if (chainTime.isBefore(before.unbondingReadyAt())) {
      throw new SigningRefused(
          nodr(before.unbonding())
              + " is still unbonding until "
              + before.unbondingReadyAt()
              + " (chain time "
              + chainTime
              + ") — nothing sent");
    }
    return "withdraw " + nodr(before.unbonding());
  }

  /** The amount in token units; a usage error when it is not a positive amount of NODR. */
  private BigInteger amount() {
    BigDecimal tokens = action.add != null ? action.add : action.unbond;
    if (tokens == null) {
      return BigInteger.ZERO;
    }
    String option = action.add != null ? "--add" : "--unbond";
    if (tokens.signum() <= 0) {
      throw new ParameterException(spec.commandLine(), option + " must be more than 0 NODR");
    }
    BigDecimal units = tokens.multiply(UNIT);
    if (units.stripTrailingZeros().scale() > 0) {
      throw new ParameterException(
          spec.commandLine(), option + " has more than 18 decimals: " + tokens.toPlainString());
    }
    return units.toBigIntegerExact();
  }

  private static void show(
      Address operator, Address staking, GovernorDomain domain, Standing s, PrintWriter out) {
    out.println("Stake of " + operator.checksummed() + ":");
    out.println("  active            " + nodr(s.active()) + " (votes " + nodr(s.votes()) + ")");
    out.println(
        "  unbonding         "
            + nodr(s.unbonding())
            + (s.unbondingReadyAt() == null ? "" : ", withdrawable from " + s.unbondingReadyAt()));
    out.println("  in your wallet    " + nodr(s.wallet()));
    out.println(
        "  tier minimums     ALL "
            + nodr(s.tierMinimums().get(0))
            + " · ORACLE "
            + nodr(s.tierMinimums().get(1))
            + " · GUARDIAN "
            + nodr(s.tierMinimums().get(2)));
    out.println("  staking contract  " + staking.checksummed());
    out.println("  chain id          " + domain.chainId());
    out.println("  governor          " + domain.governor().checksummed());
    out.flush();
  }

  private static String nodr(BigInteger units) {
    return Tokens.format(units.toString());
  }
}
