package io.noderr.app;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The whole platform as `noderr up` starts it, in the test's JVM, on free ports. */
public final class EmbeddedPlatforms {

  private EmbeddedPlatforms() {}

  /**
   * The platform without the dev chain ({@code --no-chain}): the beacon in PostgreSQL, unless the
   * arguments name a chain of the test's own.
   *
   * @param extraArguments further {@code --noderr.*} settings
   */
  public static ConfigurableApplicationContext start(
      Path dataDir, int simulatedNodes, String... extraArguments) {
    List<String> arguments = new ArrayList<>(List.of("--no-chain"));
    arguments.addAll(List.of(extraArguments));
    return startWithDevChain(dataDir, simulatedNodes, arguments.toArray(String[]::new));
  }

  /**
   * Exactly as {@code noderr up} starts: with the dev chain it starts itself (on a free port, kept
   * in the data dir) unless the arguments say otherwise.
   */
  public static ConfigurableApplicationContext startWithDevChain(
      Path dataDir, int simulatedNodes, String... extraArguments) {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "--data-dir",
                dataDir.toString(),
                "--sim-nodes",
                Integer.toString(simulatedNodes),
                "--port",
                "0",
                "--temporal-port",
                "0",
                "--gateway-port",
                "0",
                "--chain-port",
                "0"));
    arguments.addAll(List.of(extraArguments));
    return NoderrApplication.start(LaunchOptions.parse(arguments.toArray(String[]::new)));
  }

  /** The console and API address of a started platform. */
  public static URI baseUrl(ConfigurableApplicationContext platform) {
    return URI.create(
        "http://127.0.0.1:" + ((WebServerApplicationContext) platform).getWebServer().getPort());
  }
}
