package io.noderr.app;

import io.noderr.app.embedded.EmbeddedChainInitializer;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/** Tells the user, once everything is up, where to go and how to sign in. */
@Component
class ReadyBanner {

  @EventListener(ApplicationReadyEvent.class)
  public void print(ApplicationReadyEvent ready) {
    Environment env = ready.getApplicationContext().getEnvironment();
    double seconds = ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "%nNoderr is up (%.1f s, role %s)%n",
            seconds,
            env.getProperty("noderr.role")));
    if (ready.getApplicationContext() instanceof WebServerApplicationContext web) {
      String base = "http://127.0.0.1:" + web.getWebServer().getPort();
      text.append("  console    ").append(base).append('\n');
      text.append("  REST API   ")
          .append(base)
          .append("/api/v1   (OpenAPI: ")
          .append(base)
          .append("/v3/api-docs)\n");
      if (env.acceptsProfiles(Profiles.of("demo"))) {
        boolean customPassword = env.getProperty("NODERR_DEMO_PASSWORD") != null;
        text.append(
                "  logins     admin, sre, signer1, signer2, signer3, operator1, operator2 — password ")
            .append(
                customPassword
                    ? "from NODERR_DEMO_PASSWORD"
                    : "'noderr-demo' (set NODERR_DEMO_PASSWORD to change)")
            .append('\n');
      }
    }
    text.append("  Temporal   ")
        .append(env.getProperty("noderr.temporal.target"))
        .append(
            env.getProperty("noderr.temporal.embedded", Boolean.class, false)
                ? " (embedded, in memory)"
                : "")
        .append(", namespace ")
        .append(env.getProperty("noderr.temporal.namespace"))
        .append('\n');
    String gateway = env.getProperty("noderr.gateway.advertised-target");
    if (gateway != null) {
      text.append("  gateway    ")
          .append(gateway)
          .append(" (TLS; agents poll here; certificate sha256 ")
          .append(env.getProperty("noderr.gateway.certificate-sha256"))
          .append(")\n");
    }
    text.append("  database   ")
        .append(
            env.getProperty("noderr.database.embedded", Boolean.class, false)
                ? "embedded PostgreSQL, data in " + env.getProperty("noderr.data-dir") + "/pg"
                : env.getProperty("spring.datasource.url"))
        .append('\n');
    String devChain = env.getProperty("noderr.chain.embedded-url");
    String governanceOff = env.getProperty(EmbeddedChainInitializer.OFF_REASON);
    if (devChain != null) {
      text.append("  chain      ")
          .append(devChain)
          .append(" (dev chain, chain id 1337, data and demo keystores in ")
          .append(env.getProperty("noderr.data-dir"))
          .append("/chain; DEMO KEYS)\n");
    } else if (governanceOff != null) {
      text.append("  governance off: ").append(governanceOff).append('\n');
    }
    if ("all".equals(env.getProperty("noderr.role"))) {
      text.append("  fleet      ")
          .append(env.getProperty("noderr.sim.nodes", "0"))
          .append(" simulated nodes\n");
    }
    text.append("Ctrl-C stops everything.\n");
    System.out.println(text);
  }
}
