package io.noderr.contracts;

import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * A real local EVM for tests: ganache from this module's node_modules (installed by the build), on
 * a free loopback port, with deterministic funded accounts. Stopped (and its process tree killed)
 * on close.
 */
final class LocalChain implements AutoCloseable {

  static final long CHAIN_ID = 1337;

  /** Account 0 of ganache's deterministic wallet: funded, used as the transaction sender. */
  private static final String FUNDED_KEY =
      "0x4f3edf983ac636a65a842ce7c78d9aa706d3b113bce9c46f30d7d21715b23b1d";

  /** Under ganache's default block gas limit (6,721,975). */
  static final ContractGasProvider GAS =
      new StaticGasProvider(BigInteger.valueOf(20_000_000_000L), BigInteger.valueOf(6_000_000));

  private final Process process;
  final Web3j web3j;
  final Credentials sender = Credentials.create(FUNDED_KEY);
  final TransactionManager transactions;

  private LocalChain(Process process, int port) {
    this.process = process;
    this.web3j = Web3j.build(new HttpService("http://127.0.0.1:" + port));
    // Poll receipts every 100 ms (web3j's default is 15 s; ganache mines instantly).
    this.transactions =
        new RawTransactionManager(
            web3j, sender, CHAIN_ID, new PollingTransactionReceiptProcessor(web3j, 100, 300));
  }

  static LocalChain start() throws IOException, InterruptedException {
    Path cli = Path.of("node_modules", "ganache", "dist", "node", "cli.js");
    if (!Files.isRegularFile(cli)) {
      throw new IllegalStateException(
          "ganache is not installed in contracts/node_modules: run the build (npm ci) first");
    }
    int port = freePort();
    Process process =
        new ProcessBuilder(
                "node",
                cli.toString(),
                "--server.host",
                "127.0.0.1",
                "--server.port",
                Integer.toString(port),
                "--chain.chainId",
                Long.toString(CHAIN_ID),
                "--wallet.deterministic",
                "--logging.quiet")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    LocalChain chain = new LocalChain(process, port);
    chain.awaitReady();
    return chain;
  }

  private void awaitReady() throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("ganache exited with code " + process.exitValue());
      }
      try {
        web3j.ethChainId().send();
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    close();
    throw new IllegalStateException("ganache did not answer within 30 s");
  }

  @Override
  public void close() {
    web3j.shutdown();
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
