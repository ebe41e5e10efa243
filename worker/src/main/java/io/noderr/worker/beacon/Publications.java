package io.noderr.worker.beacon;

import io.noderr.activities.release.PublishReceipt;
import io.noderr.activities.release.PublishRequest;
import io.noderr.signing.ImageDigest;
import io.noderr.signing.PublishAction;
import java.math.BigInteger;

/** What both beacons do alike with a publish request. */
final class Publications {

  private Publications() {}

  /**
   * The multisig action the signers signed, or a refusal naming what is malformed. Both beacons
   * parse the request this way first, so a malformed one is refused the same on chain and locally.
   */
  static PublishAction action(PublishRequest request) {
    try {
      return new PublishAction(
          request.tier().code(),
          request.version(),
          ImageDigest.parse(request.imageDigest()),
          request.minimumVersion(),
          request.notesUri(),
          new BigInteger(request.nonce()),
          request.deadline());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw Refusals.invalid(e.getMessage());
    }
  }

  static PublishReceipt receipt(
      PublishRequest request, PublishAction action, String transactionHash, long blockNumber) {
    return new PublishReceipt(
        request.releaseId(),
        request.tier(),
        action.version(),
        action.imageDigest().value(),
        transactionHash,
        blockNumber);
  }
}
