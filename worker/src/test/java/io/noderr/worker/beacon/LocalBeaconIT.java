package io.noderr.worker.beacon;

import static io.noderr.worker.beacon.Releases.assertRefused;
import static io.noderr.worker.beacon.Releases.inAnHour;
import static io.noderr.worker.beacon.Releases.signed;
import static io.noderr.worker.beacon.Releases.signedInOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.noderr.activities.release.BeaconQuery;
import io.noderr.activities.release.BeaconState;
import io.noderr.activities.release.BeaconTier;
import io.noderr.activities.release.PublishReceipt;
import io.noderr.activities.release.PublishRequest;
import io.noderr.activities.release.PublishedEvent;
import io.noderr.activities.release.ReleaseActivities;
import io.noderr.activities.release.ReleaseFailures;
import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.release.BeaconEvents;
import io.noderr.registry.release.LocalBeaconStore;
import io.noderr.signing.Address;
import io.noderr.signing.DemoSigners;
import io.noderr.signing.MultisigDomain;
import io.noderr.signing.Signatures;
import io.noderr.worker.release.ReleaseActivitiesImpl;
import io.noderr.worker.release.ReleaseMeters;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.web3j.crypto.ECKeyPair;

/**
 * The local beacon through the release activities, against a real PostgreSQL: the multisig's rules
 * (threshold, sorted signers, signer set, deadline, nonce, paused tier) as NoderrMultisig enforces
 * them on chain, and the same refusals.
 */
class LocalBeaconIT {

  private static final BeaconProperties.Local DEMO =
      new BeaconProperties.Local(
          1337,
          DemoSigners.addresses(),
          DemoSigners.THRESHOLD,
          List.of(DemoSigners.addresses().getFirst()),
          Duration.ofSeconds(DemoSigners.MANDATE_SECONDS));
  private static final MultisigDomain DOMAIN = new MultisigDomain(1337, LocalBeacon.ADDRESS);
  private static final BeaconTier ORACLE = BeaconTier.ORACLE;

  @RegisterExtension
  static final RegistryDatabase db =
      RegistryDatabase.create(
          context -> {
            context.registerBean(
                LocalBeacon.class,
                () -> new LocalBeacon(DEMO, context.getBean(LocalBeaconStore.class)));
            context.registerBean(ReleaseActivitiesImpl.class);
            context.registerBean(SimpleMeterRegistry.class);
            context.registerBean(ReleaseMeters.class);
          });

  private final TestActivityEnvironment temporal = TestActivityEnvironment.newInstance();
  private final ReleaseActivities activities =
      Releases.stub(temporal, db.bean(ReleaseActivitiesImpl.class));

  private final ECKeyPair signer1 = DemoSigners.key(1);
  private final ECKeyPair signer2 = DemoSigners.key(2);
  private final ECKeyPair signer3 = DemoSigners.key(3);

  @AfterEach
  void closeTemporal() {
    temporal.close();
  }

  private BeaconState oracle() {
    return activities.readBeacon(new BeaconQuery(ORACLE));
  }

  private PublishRequest request(String version, long nonce, ECKeyPair... keys) {
    return signed(DOMAIN, ORACLE, version, nonce, inAnHour(), keys);
  }

  private void assertNothingPublished() {
    BeaconState state = oracle();
    assertThat(state.nonce()).isEqualTo("0");
    assertThat(state.current()).isNull();
    assertThat(db.bean(BeaconEvents.class).recent(10)).isEmpty();
  }

  @Test
  void readBeacon_answersTheLocalMultisig_andAnEmptyTier() {
    BeaconState state = oracle();

    assertThat(state.backend()).isEqualTo(BeaconState.Backend.LOCAL);
    assertThat(state.chainId()).isEqualTo(1337);
    assertThat(state.multisig()).isEqualTo("0xa4a882ec6c5c660cffcf7696af2fba464207b51f");
    assertThat(state.signers())
        .containsExactlyElementsOf(
            DemoSigners.addresses().stream().sorted().map(Address::value).toList());
    assertThat(state.threshold()).isEqualTo(2);
    assertThat(state.nonce()).isEqualTo("0");
    assertThat(state.current()).isNull();
    assertThat(state.paused()).isFalse();
  }

  @Test
  void publish_withTwoOfThreeSignatures_publishes_andAwaitPublishedAnswersAtOnce() {
    long before = System.currentTimeMillis() / 1000;

    PublishReceipt receipt = activities.publish(request("1.4.0", 0, signer1, signer3));

    assertThat(receipt.releaseId()).isEqualTo("rel-1.4.0");
    assertThat(receipt.tier()).isEqualTo(ORACLE);
    assertThat(receipt.version()).isEqualTo("1.4.0");
    assertThat(receipt.imageDigest()).isEqualTo(Releases.DIGEST);
    assertThat(receipt.transactionHash()).isEqualTo("local-0");
    assertThat(receipt.blockNumber()).isEqualTo(1);
    BeaconState state = oracle();
    assertThat(state.nonce()).isEqualTo("1");
    assertThat(state.current().version()).isEqualTo("1.4.0");
    assertThat(state.current().imageDigest()).isEqualTo(Releases.DIGEST);
    assertThat(state.current().minimumVersion()).isEqualTo("1.0.0");
    assertThat(state.current().notesUri()).isEqualTo("ipfs://notes");
    assertThat(state.current().publishedAt()).isBetween(before, before + 60);
    assertThat(activities.readBeacon(new BeaconQuery(BeaconTier.GUARDIAN)).current()).isNull();

    PublishedEvent event = activities.awaitPublished(receipt);

    assertThat(event)
        .isEqualTo(
            new PublishedEvent(
                ORACLE, "1.4.0", Releases.DIGEST, "local-0", 1, state.current().publishedAt()));
  }

  @Test
  void publish_retriedAfterSuccess_answersTheSamePublication_andSpendsNoNonce() {
    PublishRequest request = request("1.4.0", 0, signer1, signer2);
    PublishReceipt first = activities.publish(request);

    PublishReceipt retried = activities.publish(request);

    assertThat(retried).isEqualTo(first);
    assertThat(oracle().nonce()).isEqualTo("1");
  }

  @Test
  void publish_withOneSignature_isRefused() {
    assertRefused(
        () -> activities.publish(request("1.4.0", 0, signer1)), "NotEnoughSignatures(1, 2)");
    assertNothingPublished();
  }

  @Test
  void publish_withUnsortedSignatures_isRefused() {
    List<ECKeyPair> descending =
        DemoSigners.keys().stream()
            .sorted((a, b) -> Signatures.addressOf(b).compareTo(Signatures.addressOf(a)))
            .limit(2)
            .toList();

    assertRefused(
        () -> activities.publish(signedInOrder(DOMAIN, ORACLE, "1.4.0", 0, inAnHour(), descending)),
        "SignaturesNotSorted");
    assertRefused(
        () ->
            activities.publish(
                signedInOrder(DOMAIN, ORACLE, "1.4.0", 0, inAnHour(), List.of(signer2, signer2))),
        "SignaturesNotSorted");
    assertNothingPublished();
  }

  @Test
  void publish_withAnOutsidersSignature_isRefused() {
    ECKeyPair outsider = Releases.outsider();

    assertRefused(() -> activities.publish(request("1.4.0", 0, signer1, outsider)), "NotASigner");
    assertNothingPublished();
  }

  @Test
  void publish_withSignaturesForAnotherDomain_isRefused_asNotASigner() {
    MultisigDomain chainMultisig =
        new MultisigDomain(1337, Address.of("0xe78a0f7e598cc8b0bb87894b0f60dd2a88d6a8ab"));

    assertRefused(
        () ->
            activities.publish(
                signed(chainMultisig, ORACLE, "1.4.0", 0, inAnHour(), signer1, signer2)),
        "NotASigner");
    assertNothingPublished();
  }

  @Test
  void publish_afterTheDeadline_isRefused() {
    long yesterday = System.currentTimeMillis() / 1000 - 86_400;

    assertRefused(
        () -> activities.publish(signed(DOMAIN, ORACLE, "1.4.0", 0, yesterday, signer1, signer2)),
        "Expired(" + yesterday + ")");
    assertNothingPublished();
  }

  @Test
  void publish_withAMovedNonce_isRefused_andChangesNothing() {
    activities.publish(request("1.4.0", 0, signer1, signer2));

    assertRefused(
        () -> activities.publish(request("1.5.0", 0, signer1, signer2)), "NonceMoved(0, 1)");
    assertThat(oracle().current().version()).isEqualTo("1.4.0");
    assertThat(oracle().nonce()).isEqualTo("1");
  }

  @Test
  void publish_toAPausedTier_isRefused() {
    db.jdbc().update("UPDATE local_beacon SET paused = true WHERE tier = 'ORACLE'");
    assertThat(oracle().paused()).isTrue();

    assertRefused(
        () -> activities.publish(request("1.4.0", 0, signer1, signer2)), "TierIsPaused(1)");
    assertNothingPublished();
  }

  @Test
  void publish_withAMalformedSignatureOrRequest_isRefused() {
    PublishRequest valid = request("1.4.0", 0, signer1, signer2);
    PublishRequest truncated =
        new PublishRequest(
            valid.releaseId(),
            valid.tier(),
            valid.version(),
            valid.imageDigest(),
            valid.minimumVersion(),
            valid.notesUri(),
            valid.nonce(),
            valid.deadline(),
            List.of(valid.signatures().get(0), valid.signatures().get(1).substring(0, 100)));
    PublishRequest notSemver =
        new PublishRequest(
            valid.releaseId(),
            valid.tier(),
            "latest",
            valid.imageDigest(),
            valid.minimumVersion(),
            valid.notesUri(),
            valid.nonce(),
            valid.deadline(),
            valid.signatures());

    assertRefused(() -> activities.publish(truncated), "MalformedSignature(1)");
    assertRefused(() -> activities.publish(notSemver), "InvalidRequest");
    assertNothingPublished();
  }

  @Test
  void withoutAnRpcUrl_theWorkerUsesTheLocalBeacon_andFollowsNothing() {
    new ApplicationContextRunner()
        .withUserConfiguration(BeaconConfiguration.class)
        .withBean(LocalBeaconStore.class, () -> db.bean(LocalBeaconStore.class))
        .withBean(BeaconEvents.class, () -> db.bean(BeaconEvents.class))
        .withPropertyValues(
            "noderr.beacon.rpc-url=",
            "noderr.beacon.local.signers=" + DemoSigners.addresses().get(0),
            "noderr.beacon.local.threshold=1")
        .run(
            context -> {
              assertThat(context).hasSingleBean(LocalBeacon.class);
              assertThat(context).doesNotHaveBean(ChainBeacon.class);
              assertThat(context).doesNotHaveBean(BeaconEventFollower.class);
              assertThat(context.getBean(Beacon.class).read(ORACLE).threshold()).isEqualTo(1);
            });
  }

  @Test
  void publish_withoutConfiguredSigners_isRefused() {
    LocalBeacon unconfigured =
        new LocalBeacon(
            new BeaconProperties.Local(1337, List.of(), null, List.of(), Duration.ofHours(24)),
            db.bean(LocalBeaconStore.class));

    assertThat(unconfigured.read(ORACLE).threshold()).isZero();
    assertThatThrownBy(() -> unconfigured.publish(request("1.4.0", 0, signer1, signer2)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(ReleaseFailures.PUBLISH_REFUSED);
              assertThat(failure.getOriginalMessage()).contains("noderr.beacon.local.signers");
            });
  }
}
