package io.noderr.cli;

import io.noderr.cli.chain.DemoKeystores;
import io.noderr.cli.chain.DeploymentFile;
import io.noderr.contracts.devchain.DemoDeployment;
import io.noderr.contracts.devchain.DemoEconomics;
import io.noderr.contracts.devchain.DemoGovernance;
import io.noderr.contracts.devchain.DemoOperators;
import io.noderr.contracts.devchain.DevChain;
import io.noderr.contracts.devchain.DevChainClock;
import io.noderr.contracts.devchain.GovernanceSettings;
import io.noderr.signing.Address;
import io.noderr.signing.DemoSigners;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code chain}: a local EVM with the demo multisig and beacon, for trying the signed-release flow
 * end to end on one machine, and the governance contracts (stake token, staking, timelock,
 * governor, parameter registry; see docs/governance.md). The chain lives in the data directory, so
 * a restart continues it with the same contracts. Everything here uses PUBLICLY KNOWN keys.
 */
@Command(
    name = "chain",
    mixinStandardHelpOptions = true,
    description = {
      "Run a local dev chain (ganache) with the demo 2-of-3 multisig (demo signer 1 its guardian,"
          + " 24 h mandate) and its beacon, the governance contracts (token, staking, timelock,"
          + " governor, parameters; demo tokens minted to the demo operators), write the demo"
          + " keystores, and print the settings to use them. Runs until Ctrl-C.",
      "DEMO KEYS: publicly known, never use them for anything of value."
    })
class ChainCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "8545",
      description = "Loopback port of the JSON-RPC endpoint (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--data-dir",
      defaultValue = "noderr-data/chain",
      paramLabel = "DIR",
      description =
          "Keeps the chain (DIR/ganache), its deployment (DIR/deployment.json) and the demo"
              + " keystores (DIR/keys) (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--password",
      defaultValue = "noderr-demo",
      description = "Password of the demo keystores, demo only (default: ${DEFAULT-VALUE}).")
  String password;

  @Override
  public Integer call() throws Exception {
    if (port < 1 || port > 65535) {
      throw new ParameterException(spec.commandLine(), "--port must be between 1 and 65535");
    }
    requireFree(port);
    Path dir = dataDir.toAbsolutePath().normalize();
    try (DevChain chain = DevChain.start(port, dir.resolve("ganache"));
        DevChainClock clock = DevChainClock.keepMoving(chain);
        StopOnExit stop = new StopOnExit(chain)) {
      DeploymentFile.Outcome outcome =
          new DeploymentFile(dir.resolve("deployment.json")).reuseOrDeploy(chain);
      DemoKeystores.write(dir.resolve("keys"), password);
      printSettings(chain, outcome, dir, spec.commandLine().getOut());
      try {
        while (chain.isAlive()) {
          Thread.sleep(500);
        }
      } catch (InterruptedException e) {
        // Interrupted by whoever runs us in-process: a request to stop, like Ctrl-C.
        Thread.currentThread().interrupt();
        return 0;
      }
      if (stop.exiting()) {
        return 0;
      }
      throw new IllegalStateException(
          "ganache stopped unexpectedly; run noderr chain again (the chain in "
              + dir
              + " is kept)");
    }
  }

  private static void requireFree(int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress("127.0.0.1", port));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "port " + port + " is in use (another noderr chain?): stop it or choose --port");
    }
  }

  private void printSettings(
      DevChain chain, DeploymentFile.Outcome outcome, Path dir, PrintWriter out) {
    DemoDeployment d = outcome.deployment();
    Path keys = dir.resolve("keys");
    String multisig = d.multisig().checksummed();
    String signers =
        DemoSigners.addresses().stream()
            .map(Address::checksummed)
            .collect(Collectors.joining(", "));
    String pw = shell(password);
    out.println(
        "Local dev chain (ganache, chain id "
            + DevChain.CHAIN_ID
            + ") on "
            + chain.rpcUrl()
            + " — DEMO KEYS, never use for anything of value");
    out.printf(
        "  multisig  %s  (%d of %d: %s)%n", multisig, d.threshold(), d.signers().size(), signers);
    out.printf(
        "  guardian  %s  (pauses tiers alone for %s unless the signers ratify)%n",
        d.guardians().stream().map(Address::checksummed).collect(Collectors.joining(", ")),
        java.time.Duration.ofSeconds(d.mandateSeconds()));
    out.println("  beacon    " + d.beacon().checksummed());
    DemoGovernance g = outcome.governance();
    out.printf(
        "  token     %s  (NODR; %s minted to each demo operator: %s)%n",
        g.token().checksummed(),
        DemoGovernance.OPERATOR_TOKENS.divide(GovernanceSettings.NODR),
        DemoOperators.addresses().stream()
            .map(Address::checksummed)
            .collect(Collectors.joining(", ")));
    out.println("  staking   " + g.staking().checksummed());
    out.println(
        "  timelock  "
            + g.timelock().checksummed()
            + "  (treasury; the multisig may only cancel queued proposals)");
    out.println("  governor  " + g.governor().checksummed());
    out.println("  params    " + g.parameters().checksummed() + "  (owned by the timelock)");
    DemoEconomics e = outcome.economics();
    out.println(
        "  rewards   "
            + e.distributor().checksummed()
            + "  (RewardDistributor; roots published by the multisig, which holds "
            + DemoEconomics.REWARD_POOL_TOKENS.divide(GovernanceSettings.NODR)
            + " NODR of rewards)");
    out.println("  fees      " + e.feeCollector().checksummed() + "  (FeeCollector)");
    out.println(
        "  data      "
            + dir
            + (outcome.reused()
                ? " (contracts reused from deployment.json)"
                : " (contracts deployed now)"));
    out.println(
        "  keystores "
            + keys
            + " (signers, sender, "
            + DemoKeystores.operatorFile(1)
            + " to "
            + DemoKeystores.operatorFile(DemoOperators.addresses().size())
            + "; password "
            + pw
            + ", demo only)");
    out.println("Start the platform on it:");
    out.println(
        "  NODERR_BEACON_RPC_URL="
            + chain.rpcUrl()
            + " NODERR_BEACON_CHAIN_ID="
            + DevChain.CHAIN_ID
            + " NODERR_BEACON_MULTISIG_ADDRESS="
            + multisig
            + " NODERR_BEACON_SENDER_KEYSTORE="
            + shell(keys.resolve(DemoKeystores.SENDER).toString())
            + " NODERR_BEACON_SENDER_PASSWORD="
            + pw
            + " ./noderr up");
    out.println(
        "Sign as a demo signer (likewise "
            + DemoKeystores.signerFile(2)
            + " as signer2, "
            + DemoKeystores.signerFile(3)
            + " as signer3):");
    out.println(
        "  NODERR_KEYSTORE_PASSWORD="
            + pw
            + " ./noderr sign --keystore "
            + shell(keys.resolve(DemoKeystores.signerFile(1)).toString())
            + " --user signer1 --expect-multisig "
            + multisig
            + " --expect-chain-id "
            + DevChain.CHAIN_ID);
    out.println("Let agents check releases on the chain themselves:");
    out.println(
        "  ./noderr agent --beacon-rpc "
            + chain.rpcUrl()
            + " --beacon-address "
            + d.beacon().checksummed()
            + " ...");
    out.println("Ctrl-C stops the chain; run again with the same --data-dir to continue it.");
    out.flush();
  }

  /** Quotes a value for a POSIX shell when it needs quoting, so printed lines can be pasted. */
  static String shell(String value) {
    return value.matches("[A-Za-z0-9_./:=@%+,-]+")
        ? value
        : "'" + value.replace("'", "'\\''") + "'";
  }

  /**
   * Stops ganache when the JVM is asked to exit (Ctrl-C, SIGTERM): the JVM does not wait for the
   * command's own thread, so a shutdown hook is the only sure way not to leave ganache running.
   */
  private static final class StopOnExit implements AutoCloseable {
    private final Thread hook;
    private volatile boolean exiting;

    StopOnExit(DevChain chain) {
      hook =
          new Thread(
              () -> {
                exiting = true;
                chain.close();
              },
              "stop-dev-chain");
      Runtime.getRuntime().addShutdownHook(hook);
    }

    boolean exiting() {
      return exiting;
    }

    @Override
    public void close() {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running already and stops the chain itself.
      }
    }
  }
}
