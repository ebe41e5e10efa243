package io.noderr.app.embedded;

import io.noderr.cli.chain.DemoKeystores;
import io.noderr.cli.chain.DeploymentFile;
import io.noderr.contracts.devchain.DemoDeployment;
import io.noderr.contracts.devchain.DemoGovernance;
import io.noderr.contracts.devchain.DevChain;
import io.noderr.contracts.devchain.DevChainClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;

/**
 * Governance is real in the default run: when no chain is configured ({@code
 * noderr.beacon.rpc-url}), the demo platform of role {@code all} starts the local dev chain itself,
 * as {@code ./noderr chain} does (ganache, its chain and deployment kept in {@code
 * <data-dir>/chain}, the demo keystores in {@code <data-dir>/chain/keys}), and points the beacon
 * and governance at its contracts. A restart continues the same chain with the same addresses.
 *
 * <p>It starts nothing with {@code --no-chain} ({@code noderr.chain.enabled=false}: the beacon in
 * PostgreSQL, governance off), outside the demo profile (the dev chain's keys are public) or in a
 * scaled-out role; then {@code noderr.governance.off-reason} says why governance is off.
 */
public class EmbeddedChainInitializer
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  /** Property naming why governance is off, shown by the console and the API. */
  public static final String OFF_REASON = "noderr.governance.off-reason";

  /** The demo keystores' password: public, like their keys. */
  static final String DEMO_KEYSTORE_PASSWORD = "noderr-demo";

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    ConfigurableEnvironment env = context.getEnvironment();
    if (!env.getProperty("noderr.beacon.rpc-url", "").isBlank()) {
      return; // a chain of the user's: governance follows its settings
    }
    Map<String, Object> resolved = new HashMap<>();
    Optional<String> off = offReason(env);
    if (off.isPresent()) {
      resolved.put(OFF_REASON, off.get());
    } else {
      Path dir = Path.of(env.getRequiredProperty("noderr.data-dir")).resolve("chain");
      if (env.getProperty("noderr.database.embedded", Boolean.class, false)) {
        LeftoverChain.clear(
            dir.resolve("ganache")); // the data dir is locked: leftovers are orphans
      }
      int port = env.getProperty("noderr.chain.port", Integer.class, 8545);
      DevChain chain = start(dir, port);
      DevChainClock clock = DevChainClock.keepMoving(chain);
      ((DefaultListableBeanFactory) context.getBeanFactory())
          .registerDisposableBean(
              "embeddedChain",
              () -> {
                clock.close();
                chain.close();
              });
      resolved.putAll(deploy(chain, dir));
    }
    env.getPropertySources().addFirst(new MapPropertySource("noderr-embedded-chain", resolved));
  }

  private static Optional<String> offReason(ConfigurableEnvironment env) {
    if (!env.getProperty("noderr.chain.enabled", Boolean.class, true)) {
      return Optional.of(
          "started with --no-chain: releases go to the beacon in PostgreSQL, and there is no"
              + " chain for staking, proposals and votes (start without --no-chain for the dev"
              + " chain, or set noderr.beacon.rpc-url and noderr.governance.*)");
    }
    if (!env.acceptsProfiles(Profiles.of("demo"))) {
      return Optional.of(
          "no chain configured: set noderr.beacon.rpc-url and noderr.governance.* (the dev chain"
              + " starts by itself only in the demo profile: its keys are public)");
    }
    if (!"all".equals(env.getProperty("noderr.role", "all"))) {
      return Optional.of(
          "no chain configured for this role: set noderr.beacon.rpc-url and noderr.governance.*"
              + " (only `noderr up` with role all starts the dev chain)");
    }
    if (!DevChain.installed()) {
      // The platform image carries neither: it runs without governance unless given a chain.
      return Optional.of(
          "no dev chain here: node and ganache are not installed (./noderr build installs"
              + " ganache); releases go to the beacon in PostgreSQL. Set noderr.beacon.rpc-url and"
              + " noderr.governance.* for a chain");
    }
    return Optional.empty();
  }

  private static DevChain start(Path dir, int port) {
    if (port != 0) {
      requireFree(port);
    }
    try {
      return DevChain.start(port, dir.resolve("ganache"));
    } catch (IllegalStateException e) {
      throw new PlatformStartupException(
          "the dev chain did not start: " + e.getMessage(),
          "install Node.js and build (./noderr build), or start with --no-chain");
    } catch (IOException e) {
      throw new PlatformStartupException(
          "the dev chain did not start: " + e.getMessage(),
          "check that `node` is installed (./noderr doctor up), or start with --no-chain");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlatformStartupException("interrupted while starting the dev chain", "start again");
    }
  }

  private static void requireFree(int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress("127.0.0.1", port));
    } catch (IOException e) {
      throw new PlatformStartupException(
          "port " + port + " of the dev chain is in use (another noderr up or noderr chain?)",
          "stop it, choose another with --chain-port, or start with --no-chain");
    }
  }

  /** Deploys the contracts (or reuses them) and returns the settings pointing at them. */
  private static Map<String, Object> deploy(DevChain chain, Path dir) {
    DeploymentFile.Outcome outcome;
    Path keys = dir.resolve("keys");
    try {
      outcome = new DeploymentFile(dir.resolve("deployment.json")).reuseOrDeploy(chain);
      if (!Files.isRegularFile(keys.resolve(DemoKeystores.SENDER))) {
        DemoKeystores.write(keys, DEMO_KEYSTORE_PASSWORD);
      }
    } catch (Exception e) {
      chain.close();
      throw new PlatformStartupException(
          "the dev chain's contracts could not be deployed: " + e.getMessage(),
          "move " + dir + " away to start a fresh chain, or start with --no-chain");
    }
    DemoDeployment beacon = outcome.deployment();
    DemoGovernance governance = outcome.governance();
    Map<String, Object> settings = new HashMap<>();
    settings.put("noderr.chain.embedded-url", chain.rpcUrl());
    settings.put("noderr.beacon.rpc-url", chain.rpcUrl());
    settings.put("noderr.beacon.chain-id", Long.toString(DevChain.CHAIN_ID));
    settings.put("noderr.beacon.multisig-address", beacon.multisig().value());
    settings.put("noderr.beacon.beacon-address", beacon.beacon().value());
    settings.put("noderr.beacon.sender-keystore", keys.resolve(DemoKeystores.SENDER).toString());
    settings.put("noderr.beacon.sender-keystore-password", DEMO_KEYSTORE_PASSWORD);
    settings.put("noderr.governance.governor-address", governance.governor().value());
    settings.put("noderr.governance.staking-address", governance.staking().value());
    settings.put("noderr.governance.parameters-address", governance.parameters().value());
    settings.put("noderr.governance.timelock-address", governance.timelock().value());
    settings.put("noderr.governance.token-address", governance.token().value());
    settings.put("noderr.economics.distributor-address", outcome.economics().distributor().value());
    settings.put(
        "noderr.economics.fee-collector-address", outcome.economics().feeCollector().value());
    return settings;
  }
}
