package io.noderr.cli.rewards;

import com.fasterxml.jackson.databind.JsonNode;
import io.noderr.agent.platform.JsonApi;
import io.noderr.agent.platform.PlatformException;
import io.noderr.signing.Address;
import java.net.URI;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * The platform's rewards API as an operator's commands read it: its claims with their proofs, and
 * an epoch with its payouts and node outcomes (an operator login sees only its own).
 */
public final class RewardClient {

  private static final String REWARDS = "/api/v1/rewards";

  private final JsonApi api;
  private final String authorization;

  /**
   * @param authorization the Authorization header (the operator's API token or HTTP Basic login)
   */
  public RewardClient(URI platform, String authorization) {
    this.api = new JsonApi(platform);
    this.authorization = authorization;
  }

  public ClaimableRewards claims(Address account) {
    return JsonApi.read(
        api.get(REWARDS + "/claims/" + account.value(), authorization), ClaimableRewards.class);
  }

  /** The newest epoch's number; refused when there is none yet. */
  public long newestEpoch() {
    JsonNode items = api.get(REWARDS + "/epochs?size=1", authorization).path("items");
    if (items.isEmpty()) {
      throw new PlatformException("the platform has no reward epoch yet");
    }
    return items.get(0).path("epoch").asLong();
  }

  public RewardEpochAnswer epoch(long epoch) {
    return JsonApi.read(
        api.get(REWARDS + "/epochs/" + epoch, authorization), RewardEpochAnswer.class);
  }

  public List<RewardEpochAnswer.Payout> payouts(long epoch) {
    return list(REWARDS + "/epochs/" + epoch + "/payouts", RewardEpochAnswer.Payout.class);
  }

  public List<RewardEpochAnswer.NodeOutcome> nodes(long epoch) {
    return list(REWARDS + "/epochs/" + epoch + "/nodes", RewardEpochAnswer.NodeOutcome.class);
  }

  private <T> List<T> list(String path, Class<T> type) {
    JsonNode answer = api.get(path, authorization);
    if (!answer.isArray()) {
      throw new PlatformException("the platform's answer to " + path + " is not a list");
    }
    return StreamSupport.stream(answer.spliterator(), false)
        .map(row -> JsonApi.read(row, type))
        .toList();
  }
}
