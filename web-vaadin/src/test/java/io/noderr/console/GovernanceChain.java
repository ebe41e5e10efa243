package io.noderr.console;

import io.noderr.contracts.devchain.DemoDeployment;
import io.noderr.contracts.devchain.DemoGovernance;
import io.noderr.contracts.devchain.DevChain;
import io.noderr.contracts.devchain.GovernanceSettings;
import io.noderr.signing.DemoSigners;
import io.noderr.worker.governance.GovernanceConfiguration;
import io.noderr.worker.governance.GovernanceProperties;
import io.noderr.worker.governance.ProposalSubmitterConfiguration;
import io.noderr.workflows.governance.ChainChange;
import io.noderr.workflows.governance.ProposalWorkflow;
import io.temporal.client.WorkflowClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.web3j.crypto.WalletUtils;

/**
 * Governance on, for a console IT that needs it: a real dev chain (ganache) with the multisig and
 * the governance contracts, the console's properties pointing at them, and (with {@link On}
 * imported) the worker's governance wiring — follower and ProposalWorkflow activities — as the
 * platform has it. Such a test has its own Spring context; {@link #close()} after it.
 */
public final class GovernanceChain implements AutoCloseable {

  private static final String KEYSTORE_PASSWORD = "sender-password";

  /** The worker's governance wiring, as the platform has it with a chain and a governor. */
  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(GovernanceProperties.class)
  @Import({GovernanceConfiguration.class, ProposalSubmitterConfiguration.class})
  public static class On {}

  private final DevChain chain;
  private final DemoGovernance governance;

  /**
   * The security context strategy the shared console context (if it started before this test) put
   * in the JVM-wide holder. The governance test's own context replaces it (Vaadin sets its strategy
   * there at start), so {@link #close()} puts it back: code that reads the static holder (e.g.
   * {@code Callers.scope()}) in the shared context's later tests must see their requests' callers.
   */
  private final SecurityContextHolderStrategy sharedContextStrategy;

  private GovernanceChain(
      DevChain chain, DemoGovernance governance, SecurityContextHolderStrategy strategy) {
    this.chain = chain;
    this.governance = governance;
    this.sharedContextStrategy = strategy;
  }

  /**
   * Starts a dev chain, deploys the multisig and the governance contracts with {@code settings}
   * (null: the dev chain's own, which also mints the demo operators' tokens) and registers the
   * console's beacon and governance properties for them. Call it from a
   * {@code @DynamicPropertySource} method.
   */
  public static GovernanceChain start(DynamicPropertyRegistry registry, GovernanceSettings settings)
      throws Exception {
    SecurityContextHolderStrategy strategy = SecurityContextHolder.getContextHolderStrategy();
    forgetEarlierChains();
    DevChain chain = DevChain.start();
    DemoDeployment deployment = DemoDeployment.deploy(chain);
    DemoGovernance governance =
        settings == null
            ? DemoGovernance.deploy(chain, deployment.multisig())
            : DemoGovernance.deploy(chain, deployment.multisig(), settings);
    Path dir = Files.createTempDirectory("noderr-governance-it");
    dir.toFile().deleteOnExit();
    Path keystore =
        dir.resolve(
            WalletUtils.generateWalletFile(
                KEYSTORE_PASSWORD, DemoSigners.devChainSender(), dir.toFile(), false));
    // This context's own fleet token file: the shared context's tests read theirs from the base
    // class's file, which a second context must not overwrite.
    registry.add("noderr.gateway.fleet-token.file", () -> dir.resolve("agent-token").toString());
    registry.add("noderr.beacon.rpc-url", chain::rpcUrl);
    registry.add("noderr.beacon.chain-id", () -> DevChain.CHAIN_ID);
    registry.add("noderr.beacon.multisig-address", () -> deployment.multisig().value());
    registry.add("noderr.beacon.sender-keystore", keystore::toString);
    registry.add("noderr.beacon.sender-keystore-password", () -> KEYSTORE_PASSWORD);
    registry.add("noderr.beacon.poll-interval", () -> "200ms");
    registry.add("noderr.governance.governor-address", () -> governance.governor().value());
    registry.add("noderr.governance.staking-address", () -> governance.staking().value());
    registry.add("noderr.governance.parameters-address", () -> governance.parameters().value());
    registry.add("noderr.governance.timelock-address", () -> governance.timelock().value());
    registry.add("noderr.governance.token-address", () -> governance.token().value());
    registry.add("noderr.governance.poll-interval", () -> "200ms");
    return new GovernanceChain(chain, governance, strategy);
  }

  /**
   * Empties the governance read models an earlier governance test left in the JVM's one database.
   * Every dev chain deploys the same contracts from the same account, so they have the same
   * addresses: the earlier chain's follower cursor would make this chain's follower skip its first
   * blocks. Before the first context migrated the database there is nothing to empty.
   */
  private static void forgetEarlierChains() throws Exception {
    try (Connection db = DriverManager.getConnection(TestDatabase.jdbcUrl(), "postgres", "");
        Statement sql = db.createStatement();
        ResultSet migrated = sql.executeQuery("SELECT to_regclass('governance_cursor')")) {
      if (migrated.next() && migrated.getString(1) != null) {
        sql.execute(
            "TRUNCATE governance_cursor, governance_events, governance_stakes,"
                + " governance_proposals, governance_votes, governance_nonces,"
                + " governance_parameters");
      }
    }
  }

  public DevChain chain() {
    return chain;
  }

  public DemoGovernance governance() {
    return governance;
  }

  /** The chain's clock moved (evm_increaseTime): tell the workflow rather than wait its timer. */
  public static void wake(WorkflowClient workflows, String proposalId) {
    workflows
        .newWorkflowStub(ProposalWorkflow.class, ProposalWorkflow.workflowId(proposalId))
        .chainChanged(new ChainChange("test: chain time advanced", null));
  }

  @Override
  public void close() {
    chain.close();
    SecurityContextHolder.setContextHolderStrategy(sharedContextStrategy);
  }
}
