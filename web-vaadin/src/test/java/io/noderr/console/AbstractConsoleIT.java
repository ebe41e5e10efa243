package io.noderr.console;

import io.noderr.registry.Tier;
import io.noderr.signing.Address;
import io.noderr.signing.DemoSigners;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Shared setup of the console's integration tests, so that they share one Spring context: a real
 * PostgreSQL (embedded, migrated by Flyway), the demo profile (demo logins, generated agent token
 * written to {@link #AGENT_TOKEN_FILE}, the demo signer keys), Temporal's in-process test server
 * and the local beacon with the demo signers' multisig (2 of 3, demo signer 1 its guardian).
 */
@SpringBootTest(
    classes = ConsoleTestApplication.class,
    properties = {
      "spring.main.banner-mode=off",
      // Pin the demo password, whatever the environment running the tests says.
      "NODERR_DEMO_PASSWORD=" + AbstractConsoleIT.PASSWORD,
      "spring.mvc.problemdetails.enabled=true",
      "springdoc.paths-to-match=/api/**",
      "vaadin.allowed-packages=io.noderr.console,com.vaadin",
      "vaadin.launch-browser=false",
      // Tests drive refreshes themselves; keep the push tick out of their way.
      "noderr.console.push-interval=1h",
      "noderr.console.temporal-ui-url=" + AbstractConsoleIT.TEMPORAL_UI,
      // Where operators claim rewards (no contract there: the console only encodes claim calls).
      "noderr.economics.distributor-address=" + AbstractConsoleIT.DISTRIBUTOR
    })
@AutoConfigureMockMvc
@ActiveProfiles("demo")
public abstract class AbstractConsoleIT {

  /** The Temporal UI the console links to (nothing listens there). */
  protected static final String TEMPORAL_UI = "http://temporal-ui.test:8233/";

  /** The reward distributor the console names in claims. */
  protected static final String DISTRIBUTOR = "0xd15d15d15d15d15d15d15d15d15d15d15d15d15d";

  /** Demo password of every demo login. */
  protected static final String PASSWORD = "noderr-demo";

  /** Where the demo profile writes the generated agent token. */
  protected static final Path AGENT_TOKEN_FILE = tempDirectory().resolve("agent-token");

  static {
    AGENT_TOKEN_FILE.toFile().deleteOnExit();
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", TestDatabase::jdbcUrl);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "");
    registry.add("noderr.gateway.fleet-token.file", AGENT_TOKEN_FILE::toString);
    // The local beacon's multisig: the demo signers, 2 of 3, as the demo profile of the app's own
    // configuration sets it (that file is not on this module's classpath).
    List<Address> signers = DemoSigners.addresses();
    for (int i = 0; i < signers.size(); i++) {
      String signer = signers.get(i).value();
      registry.add("noderr.beacon.local.signers[" + i + "]", () -> signer);
    }
    registry.add("noderr.beacon.local.threshold", () -> DemoSigners.THRESHOLD);
    String guardian = signers.get(DemoSigners.GUARDIAN - 1).value();
    registry.add("noderr.beacon.local.guardians[0]", () -> guardian);
  }

  /** The agent token the context generated (read back from its file). */
  @Autowired private JdbcTemplate publications;

  /**
   * Records a publication of the local beacon as its follower would once signers published it: the
   * console deploys only what the beacon publishes. A fresh transaction hash per call keeps each
   * one a new event.
   */
  protected void published(Tier tier, String version, String digest) {
    publications.update(
        "INSERT INTO beacon_events (backend, chain_id, beacon_address, kind, tier, version,"
            + " image_digest, published_at, transaction_hash, block_number, log_index)"
            + " VALUES ('LOCAL', 0, 'local', 'VERSION_PUBLISHED', ?, ?, ?, now(), ?, 0, 0)",
        tier.name(),
        version,
        digest,
        "0x" + UUID.randomUUID().toString().replace("-", ""));
  }

  protected static String agentToken() {
    try {
      return Files.readString(AGENT_TOKEN_FILE).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path tempDirectory() {
    try {
      Path directory = Files.createTempDirectory("noderr-console-it");
      directory.toFile().deleteOnExit();
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
