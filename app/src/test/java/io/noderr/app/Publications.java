package io.noderr.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.noderr.signing.DemoSigners;
import io.noderr.signing.Semver;
import io.noderr.signing.Signatures;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.web3j.utils.Numeric;

/**
 * Publishes releases as the signers would: proposed over REST by an admin, signed by two demo
 * signers (the embedded platform's 2-of-3 demo multisig), awaited until the beacon records it.
 * Deployments install only what is published, so rollout tests and benches publish first.
 */
public final class Publications {

  private Publications() {}

  /**
   * Publishes {@code version} with {@code digest} for {@code tier}; answers the release request.
   */
  public static JsonNode publish(PlatformApi api, String tier, String version, String digest)
      throws Exception {
    return publish(api, tier, version, digest, null);
  }

  /**
   * Publishes {@code version} unless the tier already publishes it, as a downgrade when the tier
   * publishes a higher one: lets rollout tests deploy versions in any order.
   */
  public static void ensurePublished(PlatformApi api, String tier, String version, String digest)
      throws Exception {
    String published =
        api.status("/api/v1/releases/published/" + tier, "admin") == 404
            ? ""
            : api.get("/api/v1/releases/published/" + tier, "admin").path("version").asText("");
    if (published.equals(version)) {
      return;
    }
    boolean lower =
        Semver.isValid(published) && Semver.parse(published).isAbove(Semver.parse(version));
    publish(api, tier, version, digest, lower ? "test deploys an older version" : null);
  }

  /** As {@link #publish}, going below the tier's current version for {@code downgradeReason}. */
  public static JsonNode publish(
      PlatformApi api, String tier, String version, String digest, String downgradeReason)
      throws Exception {
    JsonNode request = propose(api, tier, version, digest, downgradeReason);
    String id = request.path("id").asText();
    byte[] typedDataDigest = Numeric.hexStringToByteArray(request.path("digest").asText());
    sign(api, id, 1, typedDataDigest);
    sign(api, id, 2, typedDataDigest);
    return awaitPublished(api, id);
  }

  /** Proposes a release as an admin; answers the request with the EIP-712 digest to sign. */
  public static JsonNode propose(
      PlatformApi api, String tier, String version, String digest, String downgradeReason)
      throws Exception {
    Map<String, Object> body = new HashMap<>();
    body.put("tier", tier);
    body.put("version", version);
    body.put("imageDigest", digest);
    body.put("deadlineHours", 1);
    if (downgradeReason != null) {
      body.put("downgradeReason", downgradeReason);
    }
    HttpResponse<String> response = api.post("/api/v1/releases", "admin", body);
    if (response.statusCode() != 201) {
      throw new IllegalStateException("proposal refused: " + response.body());
    }
    return PlatformApi.json(response);
  }

  /** Signs the request's typed-data digest as demo signer {@code signer} (1..3). */
  public static void sign(PlatformApi api, String id, int signer, byte[] digest) throws Exception {
    HttpResponse<String> response =
        api.post(
            "/api/v1/releases/" + id + "/signatures",
            "signer" + signer,
            Map.of(
                "signer",
                Signatures.addressOf(DemoSigners.key(signer)).value(),
                "signature",
                Signatures.sign(digest, DemoSigners.key(signer))));
    if (response.statusCode() != 200) {
      throw new IllegalStateException("signature refused: " + response.body());
    }
  }

  /** Polls every 10 ms: the release bench measures how soon PUBLISHED is visible. */
  public static JsonNode awaitPublished(PlatformApi api, String id) throws Exception {
    while (true) {
      JsonNode release = api.get("/api/v1/releases/" + id, "admin");
      String status = release.path("status").asText();
      if (status.equals("PUBLISHED")) {
        return release;
      }
      if (!status.equals("PUBLISHING") && !status.equals("AWAITING_SIGNATURES")) {
        throw new IllegalStateException(id + " ended " + status + ": " + release.path("reason"));
      }
      Thread.sleep(10);
    }
  }
}
