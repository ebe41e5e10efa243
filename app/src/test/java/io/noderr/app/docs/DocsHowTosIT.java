package io.noderr.app.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.app.EmbeddedPlatforms;
import io.noderr.app.docs.DocumentedCommands.Block;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every how-to block of the docs marked {@code <!-- ci: DocsHowTosIT -->}, run as written against
 * the platform as {@code ./noderr up} starts it (dev chain, demo logins, simulated nodes): one bash
 * session per document, its blocks in order, so a variable set in one block is there in the next,
 * as for a reader copying them into one terminal; the documents' sessions run side by side. The
 * only edits are the addresses a reader has and a test cannot: the console's {@code
 * 127.0.0.1:8080}, the dev chain's {@code 127.0.0.1:8545} and the data directory {@code
 * ~/.noderr/data} become this platform's. {@code ./noderr} is the real launcher, told not to build
 * (the jars are this build's).
 */
class DocsHowTosIT {

  private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

  @TempDir static Path dataDir;
  private static ConfigurableApplicationContext platform;

  @BeforeAll
  static void startPlatform() {
    platform = EmbeddedPlatforms.startWithDevChain(dataDir, 10);
  }

  @AfterAll
  static void stopPlatform() {
    if (platform != null) {
      platform.close();
    }
  }

  /**
   * The documents run side by side, except those that act through the release multisig (they sign
   * with {@code ./noderr sign} or {@code ./noderr emergency}): each signed action carries the
   * multisig's nonce, which the first to execute moves, so they run one after another in one lane.
   * Each document keeps to its own tier's rollouts and its own operator keys.
   */
  @TestFactory
  Stream<DynamicTest> everyDocumentsHowTos_runAsWritten() throws Exception {
    Map<Path, List<Block>> documents = DocumentedCommands.blocksFor(REPOSITORY, "DocsHowTosIT");
    assertThat(documents).as("documents with how-tos for this test").isNotEmpty();
    List<Path> multisigLane =
        documents.entrySet().stream()
            .filter(document -> document.getValue().stream().anyMatch(DocsHowTosIT::usesMultisig))
            .map(Map.Entry::getKey)
            .toList();
    ExecutorService lanes = Executors.newFixedThreadPool(documents.size());
    Map<Path, Future<Outcome>> running = new TreeMap<>();
    try {
      Future<Map<Path, Outcome>> oneAfterAnother =
          lanes.submit(
              () -> {
                Map<Path, Outcome> done = new TreeMap<>();
                for (Path document : multisigLane) {
                  done.put(document, run(document, documents.get(document)));
                }
                return done;
              });
      documents.forEach(
          (document, blocks) -> {
            if (!multisigLane.contains(document)) {
              running.put(document, lanes.submit(() -> run(document, blocks)));
            }
          });
      Map<Path, Outcome> outcomes = new TreeMap<>(oneAfterAnother.get());
      for (Map.Entry<Path, Future<Outcome>> lane : running.entrySet()) {
        outcomes.put(lane.getKey(), lane.getValue().get());
      }
      return outcomes.entrySet().stream()
          .map(
              outcome ->
                  DynamicTest.dynamicTest(
                      outcome.getKey().toString(), () -> outcome.getValue().check()));
    } finally {
      lanes.shutdownNow();
    }
  }

  private static boolean usesMultisig(Block block) {
    return block.script().contains("./noderr sign ")
        || block.script().contains("./noderr emergency ");
  }

  /** How one document's session ended, and everything it printed. */
  private record Outcome(Path document, boolean finished, int exitCode, String output) {
    void check() {
      assertThat(finished)
          .as("%s's how-tos finished within 4 minutes:%n%s", document, output)
          .isTrue();
      assertThat(exitCode)
          .as(
              "%s's how-tos exit 0 (the failing block is the last '>>>' line):%n%s",
              document, output)
          .isZero();
    }
  }

  private static Outcome run(Path document, List<Block> blocks) throws Exception {
    StringBuilder script = new StringBuilder("set -euo pipefail\n");
    for (Block block : blocks) {
      script.append("echo '>>> ").append(document).append(':').append(block.line()).append("'\n");
      script.append(forThisPlatform(block.script()));
    }
    Path file = Files.createTempFile(dataDir, "howto-", ".sh");
    Files.writeString(file, script);
    Path log = Files.createTempFile(dataDir, "howto-", ".log");
    // setsid: the blocks may leave processes in the background (an agent); the whole group goes.
    ProcessBuilder builder =
        new ProcessBuilder("setsid", "bash", file.toString())
            .directory(REPOSITORY.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("NODERR_SKIP_BUILD", "1");
    // What a reader of a block written for another data dir or chain port would set.
    builder.environment().put("NODERR_DATA_DIR", dataDir.toString());
    builder.environment().put("NODERR_CHAIN_RPC", chainUrl().toString());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process process = builder.start();
    boolean finished = process.waitFor(4, TimeUnit.MINUTES);
    new ProcessBuilder("kill", "-TERM", "--", "-" + process.pid()).start().waitFor();
    process.waitFor(10, TimeUnit.SECONDS);
    return new Outcome(
        document,
        finished,
        finished ? process.exitValue() : -1,
        Files.readString(log, StandardCharsets.UTF_8));
  }

  private static URI chainUrl() {
    return URI.create(platform.getEnvironment().getProperty("noderr.chain.embedded-url"));
  }

  private static String forThisPlatform(String block) {
    URI console = EmbeddedPlatforms.baseUrl(platform);
    URI chain = chainUrl();
    return block
        .replace("127.0.0.1:8080", console.getHost() + ":" + console.getPort())
        .replace("localhost:8080", console.getHost() + ":" + console.getPort())
        .replace("127.0.0.1:8545", chain.getHost() + ":" + chain.getPort())
        .replace("~/.noderr/data", dataDir.toString());
  }
}
