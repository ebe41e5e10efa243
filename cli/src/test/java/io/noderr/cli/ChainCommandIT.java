package io.noderr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.noderr.cli.chain.DemoKeystores;
import io.noderr.cli.signer.Keystore;
import io.noderr.contracts.devchain.DemoGovernance;
import io.noderr.contracts.devchain.DemoOperators;
import io.noderr.contracts.generated.NoderrGovernor;
import io.noderr.contracts.generated.NoderrMultisig;
import io.noderr.contracts.generated.NoderrToken;
import io.noderr.signing.Address;
import io.noderr.signing.DemoSigners;
import io.noderr.signing.Signatures;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;
import picocli.CommandLine;

/** {@code noderr chain} run in-process on real ganache, stopped and started again. */
class ChainCommandIT {

  private static final Pattern MULTISIG = Pattern.compile("multisig  (0x[0-9a-fA-F]{40})");
  private static final Pattern TOKEN = Pattern.compile("token     (0x[0-9a-fA-F]{40})");
  private static final Pattern TIMELOCK = Pattern.compile("timelock  (0x[0-9a-fA-F]{40})");
  private static final Pattern GOVERNOR = Pattern.compile("governor  (0x[0-9a-fA-F]{40})");
  private static final Address SENDER = Signatures.addressOf(DemoSigners.devChainSender());

  @TempDir Path dir;

  @Test
  void printsSettings_writesKeystores_andARestartReusesTheDeployment() throws Exception {
    Running first = Running.start(freePort(), dir);
    String settings = first.out();
    String multisig = group(MULTISIG, settings);
    Path keys = dir.resolve("keys");
    assertThat(settings)
        .contains("Local dev chain (ganache, chain id 1337) on " + first.rpcUrl())
        .contains("DEMO KEYS, never use for anything of value")
        .contains("(2 of 3: " + DemoSigners.addresses().get(0).checksummed())
        .contains("contracts deployed now")
        .contains(
            "NODERR_BEACON_RPC_URL="
                + first.rpcUrl()
                + " NODERR_BEACON_CHAIN_ID=1337 NODERR_BEACON_MULTISIG_ADDRESS="
                + multisig
                + " NODERR_BEACON_SENDER_KEYSTORE="
                + keys.resolve("sender.json")
                + " NODERR_BEACON_SENDER_PASSWORD=noderr-demo ./noderr up")
        .contains(
            "NODERR_KEYSTORE_PASSWORD=noderr-demo ./noderr sign --keystore "
                + keys.resolve("signer-1.json")
                + " --user signer1 --expect-multisig "
                + multisig
                + " --expect-chain-id 1337");
    for (int n = 1; n <= 3; n++) {
      Keystore keystore = Keystore.read(keys.resolve(DemoKeystores.signerFile(n)));
      assertThat(Signatures.addressOf(keystore.unlock("noderr-demo"::toCharArray)))
          .isEqualTo(DemoSigners.addresses().get(n - 1));
    }
    assertThat(Keystore.read(keys.resolve("sender.json")).address()).isEqualTo(SENDER);
    for (int n = 1; n <= 2; n++) {
      assertThat(Keystore.read(keys.resolve(DemoKeystores.operatorFile(n))).address())
          .isEqualTo(DemoOperators.addresses().get(n - 1));
    }
    String governor = group(GOVERNOR, settings);
    answersAsTheDemoGovernance(
        first.rpcUrl(), group(TOKEN, settings), group(TIMELOCK, settings), governor);
    BigInteger sent = answersAsTheDemoMultisig(first.rpcUrl(), multisig);
    assertThat(first.stop()).isZero();

    Running second = Running.start(freePort(), dir);
    assertThat(second.out()).contains("contracts reused from deployment.json");
    assertThat(group(MULTISIG, second.out())).isEqualTo(multisig);
    assertThat(group(GOVERNOR, second.out())).isEqualTo(governor);
    assertThat(answersAsTheDemoMultisig(second.rpcUrl(), multisig)).isEqualTo(sent);
    assertThat(second.stop()).isZero();
  }

  @Test
  void aPortInUse_isOneLineError() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      StringWriter err = new StringWriter();
      CommandLine cli = NoderrCli.cli(new ChainCommand());
      cli.setErr(new PrintWriter(err, true));

      int exit =
          cli.execute(
              "--port", Integer.toString(taken.getLocalPort()), "--data-dir", dir.toString());

      assertThat(exit).isEqualTo(1);
      assertThat(err.toString().strip())
          .isEqualTo(
              "error: port "
                  + taken.getLocalPort()
                  + " is in use (another noderr chain?): stop it or choose --port");
    }
  }

  /**
   * Checks the contract at {@code multisig} is the demo 2-of-3 multisig with its guardian; returns
   * how many transactions the sender has sent (unchanged by a restart that reuses the deployment).
   */
  private static BigInteger answersAsTheDemoMultisig(String rpcUrl, String multisig)
      throws Exception {
    Web3j web3j = Web3j.build(new HttpService(rpcUrl));
    try {
      NoderrMultisig contract =
          NoderrMultisig.load(
              multisig,
              web3j,
              new ReadonlyTransactionManager(web3j, multisig),
              new DefaultGasProvider());
      @SuppressWarnings("unchecked")
      List<String> signers = contract.signers().send();
      assertThat(signers.stream().map(Address::of).sorted().toList())
          .isEqualTo(DemoSigners.addresses().stream().sorted().toList());
      assertThat(contract.threshold().send()).isEqualTo(BigInteger.TWO);
      @SuppressWarnings("unchecked")
      List<String> guardians = contract.guardians().send();
      assertThat(guardians.stream().map(Address::of).toList())
          .containsExactly(DemoSigners.addresses().getFirst());
      assertThat(contract.mandateSeconds().send())
          .isEqualTo(BigInteger.valueOf(DemoSigners.MANDATE_SECONDS));
      return web3j
          .ethGetTransactionCount(SENDER.value(), DefaultBlockParameterName.LATEST)
          .send()
          .getTransactionCount();
    } finally {
      web3j.shutdown();
    }
  }

  /** The governor uses the printed timelock, and the demo operators hold their demo tokens. */
  private static void answersAsTheDemoGovernance(
      String rpcUrl, String token, String timelock, String governor) throws Exception {
    Web3j web3j = Web3j.build(new HttpService(rpcUrl));
    try {
      NoderrGovernor contract =
          NoderrGovernor.load(
              governor,
              web3j,
              new ReadonlyTransactionManager(web3j, governor),
              new DefaultGasProvider());
      assertThat(Address.of(contract.timelock().send())).isEqualTo(Address.of(timelock));
      NoderrToken nodr =
          NoderrToken.load(
              token, web3j, new ReadonlyTransactionManager(web3j, token), new DefaultGasProvider());
      for (Address operator : DemoOperators.addresses()) {
        assertThat(nodr.balanceOf(operator.value()).send())
            .isEqualTo(DemoGovernance.OPERATOR_TOKENS);
      }
      assertThat(nodr.balanceOf(timelock).send()).isEqualTo(DemoGovernance.TREASURY_TOKENS);
    } finally {
      web3j.shutdown();
    }
  }

  private static String group(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    assertThat(m.find()).as("%s in%n%s", pattern, text).isTrue();
    return m.group(1);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** The command on its own thread, as a user would run it in a terminal. */
  private record Running(Thread thread, int port, StringWriter output, AtomicInteger exit) {

    static Running start(int port, Path dir) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      AtomicInteger exit = new AtomicInteger(-1);
      CommandLine cli = NoderrCli.cli(new ChainCommand());
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(err, true));
      Thread thread =
          Thread.ofPlatform()
              .name("noderr-chain-" + port)
              .start(
                  () ->
                      exit.set(
                          cli.execute(
                              "--port", Integer.toString(port), "--data-dir", dir.toString())));
      await()
          .atMost(Duration.ofMinutes(2))
          .until(() -> out.toString().contains("Ctrl-C stops the chain") || !thread.isAlive());
      assertThat(thread.isAlive()).as("chain command ended: %s", err).isTrue();
      return new Running(thread, port, out, exit);
    }

    String out() {
      return output.toString();
    }

    String rpcUrl() {
      return "http://127.0.0.1:" + port;
    }

    /** Interrupts the command (as Ctrl-C would stop it) and returns its exit code. */
    int stop() throws InterruptedException {
      thread.interrupt();
      thread.join(Duration.ofSeconds(30));
      return exit.get();
    }
  }
}
