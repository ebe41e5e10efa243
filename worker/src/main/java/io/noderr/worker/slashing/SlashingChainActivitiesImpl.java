package io.noderr.worker.slashing;

import io.noderr.activities.slashing.MultisigNonce;
import io.noderr.activities.slashing.NonceQuery;
import io.noderr.activities.slashing.SlashExecuted;
import io.noderr.activities.slashing.SlashRequest;
import io.noderr.activities.slashing.SlashingChainActivities;
import io.noderr.worker.beacon.ChainBeacon;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;

/**
 * A dispute's chain steps. RPC failures are retryable ({@link ChainBeacon#RPC_FAILED}); the
 * contracts' refusals are final.
 */
public class SlashingChainActivitiesImpl implements SlashingChainActivities {

  private final ChainSlashing chain;
  private final ChainBeacon beacon;

  SlashingChainActivitiesImpl(ChainSlashing chain, ChainBeacon beacon) {
    this.chain = chain;
    this.beacon = beacon;
  }

  @Override
  public MultisigNonce multisigNonce(NonceQuery query) {
    try {
      return new MultisigNonce(chain.nonce().toString());
    } catch (IOException e) {
      throw unreachable(beacon, e);
    }
  }

  @Override
  public SlashExecuted slash(SlashRequest request) {
    try {
      return chain.slash(request);
    } catch (IOException e) {
      throw unreachable(beacon, e);
    }
  }

  static ApplicationFailure unreachable(ChainBeacon beacon, IOException e) {
    return ApplicationFailure.newFailure(
        "the slashing contracts' RPC call failed: " + beacon.describe(e), ChainBeacon.RPC_FAILED);
  }
}
