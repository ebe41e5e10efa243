package io.noderr.contracts.devchain;

import io.noderr.signing.DemoSigners;
import java.io.File;
import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * A real local EVM: ganache from the contracts module's node_modules (installed by the build), on
 * loopback, with ganache's deterministic funded accounts. Used by {@code ./noderr chain} and by the
 * integration tests. Stopped (and its process tree killed) on close.
 */
public final class DevChain implements AutoCloseable {

  public static final long CHAIN_ID = 1337;

  /** Under ganache's default block gas limit (6,721,975). */
  public static final ContractGasProvider GAS =
      new StaticGasProvider(BigInteger.valueOf(20_000_000_000L), BigInteger.valueOf(6_000_000));

  private static final Path GANACHE_CLI =
      Path.of("node_modules", "ganache", "dist", "node", "cli.js");

  private final Process process;
  private final int port;
  private final HttpService rpc;
  private final Web3j web3j;
  private final Credentials sender = Credentials.create(DemoSigners.devChainSender());
  private final TransactionManager transactions;

  private DevChain(Process process, int port) {
    this.process = process;
    this.port = port;
    this.rpc = new HttpService(rpcUrl());
    this.web3j = Web3j.build(rpc);
    // Poll receipts every 100 ms (web3j's default is 15 s; ganache mines instantly).
    this.transactions =
        new RawTransactionManager(
            web3j, sender, CHAIN_ID, new PollingTransactionReceiptProcessor(web3j, 100, 300));
  }

  /** Starts ganache on a free loopback port, in memory. */
  public static DevChain start() throws IOException, InterruptedException {
    return start(0, null);
  }

  /**
   * Starts ganache on {@code port} (0 = any free port), keeping its chain in {@code databaseDir}
   * when given (so a restart continues the same chain), else in memory.
   */
  public static DevChain start(int port, Path databaseDir)
      throws IOException, InterruptedException {
    Path cli = ganacheCli().orElseThrow(DevChain::ganacheMissing);
    int chosenPort = port == 0 ? freePort() : port;
    List<String> command =
        new ArrayList<>(
            List.of(
                "node",
                cli.toString(),
                "--server.host",
                "127.0.0.1",
                "--server.port",
                Integer.toString(chosenPort),
                "--chain.chainId",
                Long.toString(CHAIN_ID),
                "--wallet.deterministic",
                "--logging.quiet"));
    if (databaseDir != null) {
      Files.createDirectories(databaseDir);
      command.addAll(List.of("--database.dbPath", databaseDir.toString()));
    }
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    DevChain chain = new DevChain(process, chosenPort);
    chain.awaitReady();
    return chain;
  }

  public String rpcUrl() {
    return "http://127.0.0.1:" + port;
  }

  public Web3j web3j() {
    return web3j;
  }

  /** Ganache account 0: funded, deploys and sends. */
  public Credentials sender() {
    return sender;
  }

  public TransactionManager transactions() {
    return transactions;
  }

  /**
   * Moves the chain's clock forward and mines a block at the new time (ganache's {@code
   * evm_increaseTime} and {@code evm_mine}): for tests of deadlines and mandates.
   */
  public void advanceTime(Duration duration) throws IOException {
    new Request<>("evm_increaseTime", List.of(duration.toSeconds()), rpc, Response.class).send();
    new Request<>("evm_mine", List.of(), rpc, Response.class).send();
  }

  /** Whether this machine can run the dev chain: {@code node} on the PATH and ganache's CLI. */
  public static boolean installed() {
    String path = System.getenv("PATH");
    boolean node =
        path != null
            && Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, "node")));
    return node && ganacheCli().isPresent();
  }

  /**
   * Where ganache's CLI is: {@code $NODERR_GANACHE}, else {@code node_modules/} or {@code
   * contracts/node_modules/} under the working directory (a module or the repository root).
   */
  static Optional<Path> ganacheCli() {
    String configured = System.getenv("NODERR_GANACHE");
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured)).filter(Files::isRegularFile);
    }
    return List.of(GANACHE_CLI, Path.of("contracts").resolve(GANACHE_CLI)).stream()
        .filter(Files::isRegularFile)
        .findFirst();
  }

  private static IllegalStateException ganacheMissing() {
    return new IllegalStateException(
        "ganache is not installed (contracts/node_modules/ganache): run ./noderr build from the"
            + " repository root, or set NODERR_GANACHE to ganache's dist/node/cli.js");
  }

  private void awaitReady() throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "ganache exited with code " + process.exitValue() + " (is port " + port + " free?)");
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

  /** True while ganache runs. */
  public boolean isAlive() {
    return process.isAlive();
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
