package io.noderr.app;

import io.noderr.app.embedded.PlatformStartupException;
import io.noderr.signing.Address;
import io.noderr.signing.DemoSigners;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Keeps the demo profile a laptop toy and its public keys off anything real, checked before any
 * embedded service starts:
 *
 * <ul>
 *   <li>demo (known passwords, server-held demo signer keys with which one SIGNER login signs as
 *       all three) listens on loopback only, and publishes to no chain but the local dev chain
 *       ({@code ./noderr chain}: a loopback RPC URL and its chain id {@value #DEV_CHAIN_ID});
 *   <li>outside demo, the local beacon's signers must not include the publicly known demo addresses
 *       (a chain multisig's signer set is checked where it is read: {@code ChainBeacon}).
 * </ul>
 *
 * A refusal is one line naming the setting, and a non-zero exit.
 */
final class DemoProfileGuard
    implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

  /** {@code DevChain.CHAIN_ID}: ganache's id, which no public network uses. */
  static final long DEV_CHAIN_ID = 1337;

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    check(context.getEnvironment());
  }

  static void check(ConfigurableEnvironment environment) {
    if (environment.acceptsProfiles(Profiles.of("demo"))) {
      checkDemo(environment);
    } else {
      checkSigners(environment);
    }
  }

  private static void checkDemo(ConfigurableEnvironment environment) {
    String bind = environment.getProperty("server.address", "");
    if (!loopback(bind)) {
      throw refused(
          "the demo profile (known passwords, public demo signer keys) must not listen on '"
              + (bind.isBlank() ? "every interface" : bind)
              + "': set NODERR_BIND_ADDRESS=127.0.0.1, or run with SPRING_PROFILES_ACTIVE=prod"
              + " and your own users");
    }
    String rpcUrl = environment.getProperty("noderr.beacon.rpc-url", "").strip();
    if (!rpcUrl.isEmpty() && !devChain(rpcUrl, environment)) {
      throw refused(
          "the demo profile (public demo signer keys) publishes to no chain but the local dev"
              + " chain (a loopback noderr.beacon.rpc-url with chain id "
              + DEV_CHAIN_ID
              + "); unset NODERR_BEACON_RPC_URL, or run with SPRING_PROFILES_ACTIVE=prod");
    }
  }

  private static void checkSigners(ConfigurableEnvironment environment) {
    List<String> signers =
        Binder.get(environment)
            .bind("noderr.beacon.local.signers", Bindable.listOf(String.class))
            .orElse(List.of());
    for (Address demo : DemoSigners.addresses()) {
      if (signers.stream().anyMatch(s -> s.strip().equalsIgnoreCase(demo.value()))) {
        throw refused(
            "noderr.beacon.local.signers includes the publicly known demo signer "
                + demo.value()
                + " (anyone has its key); outside the demo profile configure your signers' own"
                + " addresses");
      }
    }
  }

  private static boolean devChain(String rpcUrl, ConfigurableEnvironment environment) {
    String chainId = environment.getProperty("noderr.beacon.chain-id", "").strip();
    try {
      String host = URI.create(rpcUrl).getHost();
      return host != null && loopback(host) && chainId.equals(Long.toString(DEV_CHAIN_ID));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** A literal or name that resolves to loopback only; blank means every interface. */
  private static boolean loopback(String address) {
    if (address.isBlank()) {
      return false;
    }
    try {
      InetAddress[] resolved =
          InetAddress.getAllByName(address.strip().replaceAll("^\\[(.*)]$", "$1"));
      for (InetAddress one : resolved) {
        if (!one.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static PlatformStartupException refused(String message) {
    return new PlatformStartupException(message, "see docs/api-security.md (demo guard)");
  }
}
