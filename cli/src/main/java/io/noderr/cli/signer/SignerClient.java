package io.noderr.cli.signer;

import io.noderr.agent.platform.JsonApi;
import io.noderr.signing.Address;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** A signer's side of the platform's release API, as a person (role SIGNER). */
public final class SignerClient {

  private final JsonApi api;
  private final String authorization;

  /**
   * @param authorization the Authorization header (a person's API token or HTTP Basic login)
   */
  public SignerClient(URI platform, String authorization) {
    this.api = new JsonApi(platform);
    this.authorization = authorization;
  }

  public List<PendingRelease> pending() {
    Page page =
        JsonApi.read(
            api.get("/api/v1/releases?status=" + ReleaseRequest.AWAITING_SIGNATURES, authorization),
            Page.class);
    return page.items() == null ? List.of() : page.items();
  }

  public ReleaseRequest release(String id) {
    return JsonApi.read(api.get(path(id), authorization), ReleaseRequest.class);
  }

  public SignatureAnswer sign(String id, Address signer, String signature) {
    return answer(
        path(id) + "/signatures", Map.of("signer", signer.value(), "signature", signature));
  }

  public SignatureAnswer decline(String id, Address signer, String reason, String signature) {
    return answer(
        path(id) + "/declines",
        Map.of("signer", signer.value(), "reason", reason, "signature", signature));
  }

  private SignatureAnswer answer(String path, Map<String, String> body) {
    return JsonApi.read(api.post(path, body, authorization), SignatureAnswer.class);
  }

  private static String path(String id) {
    return "/api/v1/releases/" + id;
  }

  record Page(List<PendingRelease> items) {}
}
