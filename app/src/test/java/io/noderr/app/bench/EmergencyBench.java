package io.noderr.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.noderr.app.PlatformApi;
import io.noderr.signing.DemoSigners;
import io.noderr.signing.Signatures;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.web3j.utils.Numeric;

/**
 * {@code ./noderr bench emergency [--nodes 10000]} on the embedded platform (local beacon, demo
 * signers; signer 1 is the guardian) with a simulated fleet: every node gets 3.0.0, then 3.1.0 (the
 * bad release); a deployment of 3.2.0 waits at its canary's manual gate. Then the red button: one
 * guardian's PAUSE of every tier, timed from the proposal and from the guardian's signature to the
 * running deployment paused. Two signers resume, the 3.2.0 deployment is aborted, and an
 * EMERGENCY_ROLLBACK of every tier to 3.0.0 is timed from the threshold signature to every node
 * back.
 */
public final class EmergencyBench {

  private static final List<String> EVERY_TIER = List.of("ALL", "ORACLE", "GUARDIAN");

  public static void main(String[] args) throws Exception {
    int nodes = BenchPlatform.nodesArgument(args, 10_000);
    try (BenchPlatform platform = BenchPlatform.start(nodes)) {
      PlatformApi api = new PlatformApi(platform.base);
      for (String version : List.of("3.0.0", "3.1.0")) {
        RolloutBench.publishForEveryTier(api, version);
        RolloutBench.awaitStatus(
            api, RolloutBench.deploy(api, version, List.of("100%")), "COMPLETED");
      }
      RolloutBench.publishForEveryTier(api, "3.2.0");
      String running = RolloutBench.deploy(api, "3.2.0", List.of("1%:manual", "100%"));
      RolloutBench.awaitStatus(api, running, "WAITING");

      long pressed = System.nanoTime();
      String pause = propose(api, Map.of("action", "PAUSE", "tiers", EVERY_TIER));
      long signed = System.nanoTime();
      sign(api, pause, DemoSigners.GUARDIAN);
      // The mandate begins once the beacon paused the tiers and every running deployment took
      // its pause (a deployment at a manual gate shows WAITING until the gate is released).
      JsonNode mandate = awaitStage(api, pause, "MANDATE");
      long paused = System.nanoTime();
      if (!mandate.path("effects").toString().contains(running)) {
        throw new IllegalStateException(running + " was not paused: " + mandate.path("effects"));
      }
      BenchPlatform.print(
          "red button: proposal to every running deployment paused, seconds",
          (paused - pressed) / 1e9);
      BenchPlatform.print(
          "red button: guardian's signature to paused, seconds", (paused - signed) / 1e9);

      String resume = propose(api, Map.of("action", "RESUME", "tiers", EVERY_TIER));
      sign(api, resume, 2);
      sign(api, resume, 3);
      awaitStage(api, resume, "DONE");
      api.post("/api/v1/deployments/" + running + "/abort", "admin", Map.of("reason", "bench"));
      RolloutBench.awaitStatus(api, running, "ABORTED");

      String rollback =
          propose(
              api,
              Map.of("action", "EMERGENCY_ROLLBACK", "tiers", EVERY_TIER, "toVersion", "3.0.0"));
      sign(api, rollback, 1);
      long threshold = System.nanoTime();
      sign(api, rollback, 2);
      String rolloutId = awaitStage(api, rollback, "DONE").path("rolloutId").asText();
      RolloutBench.awaitStatus(api, rolloutId, "SUCCEEDED");
      double seconds = (System.nanoTime() - threshold) / 1e9;
      BenchPlatform.print(
          "emergency rollback: threshold signature to every node back, seconds", seconds);
      BenchPlatform.print("emergency rollback: nodes per second", nodes / seconds);
      BenchPlatform.printPeakHeap();
    }
  }

  private static String propose(PlatformApi api, Map<String, Object> fields) throws Exception {
    Map<String, Object> form = new java.util.HashMap<>(fields);
    form.put("reason", "bench");
    HttpResponse<String> response = api.post("/api/v1/emergencies", "signer1", form);
    if (response.statusCode() != 201) {
      throw new IllegalStateException("emergency refused: " + response.body());
    }
    return PlatformApi.json(response).path("id").asText();
  }

  private static void sign(PlatformApi api, String id, int signer) throws Exception {
    String digest =
        api.get("/api/v1/emergencies/" + id, "sre").path("request").path("digest").asText();
    HttpResponse<String> response =
        api.post(
            "/api/v1/emergencies/" + id + "/signatures",
            "signer" + signer,
            Map.of(
                "signer",
                Signatures.addressOf(DemoSigners.key(signer)).value(),
                "signature",
                Signatures.sign(Numeric.hexStringToByteArray(digest), DemoSigners.key(signer))));
    if (response.statusCode() != 200) {
      throw new IllegalStateException("signature refused: " + response.body());
    }
  }

  private static JsonNode awaitStage(PlatformApi api, String id, String stage) throws Exception {
    while (true) {
      JsonNode emergency = api.get("/api/v1/emergencies/" + id, "sre");
      String now = emergency.path("stage").asText();
      if (now.equals(stage)) {
        return emergency;
      }
      if (now.equals("FAILED") || now.equals("REFUSED") || now.equals("EXPIRED")) {
        throw new IllegalStateException(id + " ended " + now + ": " + emergency.path("outcome"));
      }
      Thread.sleep(20);
    }
  }
}
