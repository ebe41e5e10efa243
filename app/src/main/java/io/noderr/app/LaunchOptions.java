package io.noderr.app;

import io.noderr.cli.sim.ReleaseFaults;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The friendly flags of {@code noderr up}, mapped to {@code --noderr.*} command-line properties
 * (which outrank application.yml). Anything that starts with {@code --spring.}, {@code --server.}
 * or {@code --noderr.} passes through to Spring unchanged.
 */
public record LaunchOptions(Role role, String[] springArguments, boolean help) {

  static final String USAGE =
      """
      usage: noderr up [options]
        --role all|worker|console   which parts to run (default all)
        --data-dir DIR              embedded PostgreSQL data, gateway key, agent token, simulated
                                    fleet; one platform per directory (default ~/.noderr/data)
        --sim-nodes N               simulated nodes to host, 0 = none (default 50)
        --port N                    console and API port on 127.0.0.1 (default 8080)
        --temporal-port N           embedded Temporal port on 127.0.0.1 (default 7233)
        --gateway-port N            node gateway port, what agents poll (default 7234)
        --chain-port N              JSON-RPC port of the dev chain on 127.0.0.1 (default 8545)
        --no-chain                  no dev chain: releases go to the beacon in PostgreSQL and
                                    governance (stake, proposals, votes) is off
        --unhealthy-pct/--slow-pct/--crash-pct/--silent-pct N   simulated failure shares
        --release-faults SPEC       faults of simulated updates per release, e.g.
                                    1.6.0:unhealthy=30,1.6.0:hang=5 (kinds: unhealthy, slow,
                                    crash, hang, errors, latency; also settable in the console's
                                    Simulator view)
      external services: NODERR_DB_URL, NODERR_DB_USER, NODERR_DB_PASSWORD,
        NODERR_TEMPORAL_TARGET, NODERR_TEMPORAL_NAMESPACE, NODERR_TEMPORAL_UI_URL
      node gateway: NODERR_GATEWAY_BIND_ADDRESS, NODERR_GATEWAY_PORT, NODERR_AGENT_GATEWAY""";

  private static final Map<String, String> VALUE_FLAGS =
      Map.of(
          "--data-dir", "noderr.data-dir",
          "--sim-nodes", "noderr.sim.nodes",
          "--port", "server.port",
          "--temporal-port", "noderr.temporal.port",
          "--gateway-port", "noderr.gateway.port",
          "--chain-port", "noderr.chain.port",
          "--unhealthy-pct", "noderr.sim.unhealthy-percent",
          "--slow-pct", "noderr.sim.slow-percent",
          "--crash-pct", "noderr.sim.crash-percent",
          "--silent-pct", "noderr.sim.silent-percent");

  public static LaunchOptions parse(String... args) {
    Role role = Role.ALL;
    List<String> spring = new ArrayList<>();
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        help = true;
      } else if (arg.equals("--no-chain")) {
        spring.add("--noderr.chain.enabled=false");
      } else if (arg.startsWith("--spring.")
          || arg.startsWith("--noderr.")
          || arg.startsWith("--server.")) {
        spring.add(arg);
      } else if (arg.equals("--release-faults")) {
        String spec = value(args, ++i, arg);
        new ReleaseFaults().apply(spec); // refuses a bad spec here, in one line, not at startup
        spring.add("--noderr.sim.release-faults=" + spec);
      } else if (arg.equals("--role")) {
        role = parseRole(value(args, ++i, arg));
      } else if (VALUE_FLAGS.containsKey(arg)) {
        String value = value(args, ++i, arg);
        if (!arg.equals("--data-dir")) {
          requireNonNegativeInteger(arg, value);
        }
        spring.add("--" + VALUE_FLAGS.get(arg) + "=" + value);
      } else {
        throw new IllegalArgumentException("unknown option '" + arg + "' (see noderr help)");
      }
    }
    spring.add("--noderr.role=" + role.name().toLowerCase(Locale.ROOT));
    return new LaunchOptions(role, spring.toArray(String[]::new), help);
  }

  private static String value(String[] args, int index, String flag) {
    if (index >= args.length || args[index].startsWith("--")) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[index];
  }

  private static Role parseRole(String value) {
    try {
      return Role.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--role must be all, worker or console, got '" + value + "'");
    }
  }

  private static void requireNonNegativeInteger(String flag, String value) {
    if (!value.matches("\\d{1,6}")) {
      throw new IllegalArgumentException(flag + " must be a whole number, got '" + value + "'");
    }
  }
}
