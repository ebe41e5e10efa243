package io.noderr.cli.emergency;

import io.noderr.agent.platform.JsonApi;
import io.noderr.signing.Address;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** A person's side of {@code /api/v1/emergencies}: propose, read, sign. */
public final class EmergencyClient {

  private static final String PATH = "/api/v1/emergencies";

  private final JsonApi api;
  private final String authorization;

  /**
   * @param authorization the Authorization header (a person's API token or HTTP Basic login)
   */
  public EmergencyClient(URI platform, String authorization) {
    this.api = new JsonApi(platform);
    this.authorization = authorization;
  }

  /**
   * @param form the proposal's fields as the API names them (null values are left out)
   */
  public Emergency propose(Map<String, Object> form) {
    return JsonApi.read(api.post(PATH, form, authorization), Emergency.class);
  }

  public List<EmergencyLine> list(boolean openOnly) {
    Page page = JsonApi.read(api.get(PATH + "?open=" + openOnly, authorization), Page.class);
    return page.items() == null ? List.of() : page.items();
  }

  public Emergency get(String id) {
    return JsonApi.read(api.get(PATH + "/" + id, authorization), Emergency.class);
  }

  /** Submits a signature over the current request; the answer is the emergency afterwards. */
  public Emergency sign(String id, Address signer, String signature) {
    return JsonApi.read(
        api.post(
            PATH + "/" + id + "/signatures",
            Map.of("signer", signer.value(), "signature", signature),
            authorization),
        Emergency.class);
  }

  record Page(List<EmergencyLine> items) {}
}
