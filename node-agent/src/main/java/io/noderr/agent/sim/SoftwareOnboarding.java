package io.noderr.agent.sim;

import io.noderr.agent.identity.AuthClient;
import io.noderr.agent.identity.NodeKey;
import io.noderr.agent.identity.Session;
import io.noderr.agent.identity.SoftwareNodeKey;
import io.noderr.agent.platform.EnrollmentEntry;
import io.noderr.agent.platform.JsonApi;
import io.noderr.agent.platform.PlatformException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real onboarding flow for every simulated node, with a software key each: the node's operator
 * applies, an admin approves (the simulator holds admin credentials for this), and the node
 * registers with its install token. Software keys are unattested, so every node joins tier ALL.
 */
public final class SoftwareOnboarding implements FleetAdmission {

  private static final Logger log = LoggerFactory.getLogger(SoftwareOnboarding.class);
  private static final String UNATTESTED_TIER = "ALL";

  private final JsonApi api;
  private final AuthClient auth;
  private final String adminAuthorization;
  private final int parallelism;

  public SoftwareOnboarding(URI platform, String adminUser, String adminPassword, int parallelism) {
    this.api = new JsonApi(platform);
    this.auth = new AuthClient(api);
    this.adminAuthorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((adminUser + ":" + adminPassword).getBytes(StandardCharsets.UTF_8));
    this.parallelism = parallelism;
  }

  /** One onboarded node and how long its apply-to-session took. */
  public record Onboarded(String nodeId, double millis) {}

  @Override
  public List<String> admit(List<EnrollmentEntry> nodes) {
    List<String> ids = onboardAll(nodes).stream().map(Onboarded::nodeId).toList();
    log.info("{} nodes onboarded with software keys", ids.size());
    return ids;
  }

  /** Software keys are unattested: whatever tier was asked for, the node joins ALL. */
  @Override
  public String admittedTier(EnrollmentEntry requested) {
    return UNATTESTED_TIER;
  }

  /** Onboards every node, {@code parallelism} at a time, in the order given. */
  public List<Onboarded> onboardAll(List<EnrollmentEntry> nodes) {
    Semaphore permits = new Semaphore(parallelism);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Onboarded>> results = new ArrayList<>();
      for (EnrollmentEntry node : nodes) {
        results.add(
            pool.submit(
                () -> {
                  permits.acquire();
                  try {
                    long start = System.nanoTime();
                    String id = onboard(node.operator(), node.region()).nodeId();
                    return new Onboarded(id, (System.nanoTime() - start) / 1e6);
                  } finally {
                    permits.release();
                  }
                }));
      }
      List<Onboarded> onboarded = new ArrayList<>(results.size());
      for (Future<Onboarded> result : results) {
        onboarded.add(result.get());
      }
      return onboarded;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof PlatformException refused
          ? refused
          : new PlatformException("onboarding failed: " + e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlatformException("interrupted while onboarding");
    }
  }

  /** Apply, approve, register: one node from nothing to ACTIVE. */
  public Session onboard(String operator, String region) {
    String token = approve(apply(operator, region, UNATTESTED_TIER));
    try (NodeKey key = SoftwareNodeKey.ephemeral()) {
      return (Session) auth.register(token, UNATTESTED_TIER, key, auth.challenge());
    }
  }

  /** The operator's application (anonymous, as on the public endpoint); returns its id. */
  public String apply(String operator, String region, String tier) {
    return api.post(
            "/api/v1/applications",
            Map.of(
                "operatorName", operator,
                "contact", operator + "@example.org",
                "tier", tier,
                "region", region,
                "signingAddress", signingAddressOf(operator)),
            null)
        .path("id")
        .asText();
  }

  /** Approves as the admin; returns the install token. */
  public String approve(String applicationId) {
    return api.post(
            "/api/v1/applications/" + applicationId + "/approve", Map.of(), adminAuthorization)
        .path("installToken")
        .asText();
  }

  /** A stable, made-up Ethereum address per simulated operator. */
  static String signingAddressOf(String operator) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(operator.getBytes(StandardCharsets.UTF_8));
      return "0x" + HexFormat.of().formatHex(hash).substring(0, 40);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
