package io.noderr.worker.beacon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.activities.release.BeaconTier;
import io.noderr.activities.release.PublishRequest;
import io.noderr.activities.release.ReleaseActivities;
import io.noderr.activities.release.ReleaseFailures;
import io.noderr.signing.ImageDigest;
import io.noderr.signing.MultisigDomain;
import io.noderr.signing.PublishAction;
import io.noderr.signing.Signatures;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

/** Signed publish requests and activity calls, as the release workflow makes them. */
final class Releases {

  static final String DIGEST = "sha256:" + "ab".repeat(32);

  private Releases() {}

  /**
   * A request for {@code version} signed by {@code keys} in the order the multisig requires
   * (ascending signer address).
   */
  static PublishRequest signed(
      MultisigDomain domain,
      BeaconTier tier,
      String version,
      long nonce,
      long deadline,
      ECKeyPair... keys) {
    return signedInOrder(
        domain,
        tier,
        version,
        nonce,
        deadline,
        Stream.of(keys).sorted(Comparator.comparing(Signatures::addressOf)).toList());
  }

  /** Signed in the order given. */
  static PublishRequest signedInOrder(
      MultisigDomain domain,
      BeaconTier tier,
      String version,
      long nonce,
      long deadline,
      List<ECKeyPair> keys) {
    byte[] digest = action(tier, version, nonce, deadline).digest(domain);
    return new PublishRequest(
        "rel-" + version,
        tier,
        version,
        DIGEST,
        "1.0.0",
        "ipfs://notes",
        Long.toString(nonce),
        deadline,
        keys.stream().map(key -> Signatures.sign(digest, key)).toList());
  }

  static PublishAction action(BeaconTier tier, String version, long nonce, long deadline) {
    return new PublishAction(
        tier.code(),
        version,
        ImageDigest.parse(DIGEST),
        "1.0.0",
        "ipfs://notes",
        BigInteger.valueOf(nonce),
        deadline);
  }

  static long inAnHour() {
    return System.currentTimeMillis() / 1000 + 3600;
  }

  static ECKeyPair outsider() {
    try {
      return Keys.createEcKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The activities as the workflow calls them: through Temporal, one attempt. */
  static ReleaseActivities stub(TestActivityEnvironment environment, ReleaseActivities activities) {
    environment.registerActivitiesImplementations(activities);
    return environment.newActivityStub(
        ReleaseActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(60))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build());
  }

  /** The call fails non-retryably as PUBLISH_REFUSED, naming the contract's {@code error}. */
  static void assertRefused(ThrowingCallable call, String error) {
    assertThatThrownBy(call)
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(ReleaseFailures.PUBLISH_REFUSED);
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getOriginalMessage()).startsWith(error);
            });
  }
}
