package io.noderr.cli.dispute;

import io.noderr.agent.platform.JsonApi;
import io.noderr.signing.Address;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The people's side of the platform's slashing disputes API: reading a dispute, and handing in an
 * answer, appeal or vote signed on the person's machine. The platform relays; it never signs.
 */
public final class DisputeClient {

  private final JsonApi api;
  private final String authorization;

  /**
   * @param authorization the Authorization header (an API token or HTTP Basic login)
   */
  public DisputeClient(URI platform, String authorization) {
    this.api = new JsonApi(platform);
    this.authorization = authorization;
  }

  public DisputeInfo dispute(String disputeId) {
    return JsonApi.read(api.get(path(disputeId), authorization), DisputeInfo.class);
  }

  /**
   * @param kind {@code answer} or {@code appeal}
   */
  public DisputeAnswer statement(
      String disputeId, String kind, String statement, String signature) {
    return JsonApi.read(
        api.post(
            path(disputeId) + "/" + kind,
            Map.of("statement", statement, "signature", signature),
            authorization),
        DisputeAnswer.class);
  }

  /**
   * @param reason null for a SLASH without one
   */
  public DisputeAnswer vote(
      String disputeId, Address signer, String verdict, String reason, String signature) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("signer", signer.value());
    body.put("verdict", verdict);
    if (reason != null) {
      body.put("reason", reason);
    }
    body.put("signature", signature);
    return JsonApi.read(
        api.post(path(disputeId) + "/votes", body, authorization), DisputeAnswer.class);
  }

  private static String path(String disputeId) {
    return "/api/v1/disputes/" + URLEncoder.encode(disputeId, StandardCharsets.UTF_8);
  }
}
