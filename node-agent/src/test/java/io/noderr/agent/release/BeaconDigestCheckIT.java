package io.noderr.agent.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.noderr.activities.node.ReleaseToVerify;
import io.noderr.activities.node.ReleaseVerified;
import io.noderr.activities.release.BeaconTier;
import io.noderr.activities.release.ReleaseFailures;
import io.noderr.contracts.devchain.DemoDeployment;
import io.noderr.contracts.devchain.DevChain;
import io.noderr.contracts.generated.NoderrMultisig;
import io.noderr.signing.DemoSigners;
import io.noderr.signing.ImageDigest;
import io.noderr.signing.MultisigDomain;
import io.noderr.signing.PublishAction;
import io.noderr.signing.Signatures;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.utils.Numeric;

/**
 * The node's release check against the real contracts on a local EVM: a release published through
 * the demo multisig with two signatures, read back by the chain source as a node would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BeaconDigestCheckIT {

  private static final ImageDigest PUBLISHED = ImageDigest.parse("sha256:" + "ab".repeat(32));
  private static final ImageDigest OTHER = ImageDigest.parse("sha256:" + "cd".repeat(32));

  private DevChain chain;
  private DemoDeployment deployment;
  private ChainBeaconSource beacon;
  private BeaconDigestCheck check;

  @BeforeAll
  void publishOnTheDevChain() throws Exception {
    chain = DevChain.start();
    deployment = DemoDeployment.deploy(chain);
    publish(BeaconTier.ORACLE, "1.4.2", PUBLISHED);
    publish(BeaconTier.ALL, "1.5.0", OTHER);
    beacon = new ChainBeaconSource(chain.rpcUrl(), deployment.beacon());
    check = new BeaconDigestCheck(beacon, BeaconTier.ORACLE);
  }

  @AfterAll
  void stopChain() {
    beacon.close();
    chain.close();
  }

  @Test
  void acceptsTheDigestTheSignersPublished_inAnyCase() {
    ReleaseVerified verified =
        check.verifyRelease(new ReleaseToVerify("ORACLE", "1.4.2", PUBLISHED.value()));
    assertThat(verified).isEqualTo(new ReleaseVerified("CHAIN", "1.4.2", PUBLISHED.value()));

    String upperHex = PUBLISHED.hex().toUpperCase().replace("0X", "0x");
    assertThat(check.verifyRelease(new ReleaseToVerify("ORACLE", "1.4.2", upperHex)).imageDigest())
        .isEqualTo(PUBLISHED.value());
  }

  @Test
  void refusesAnotherDigest_namingBoth() {
    assertRefused(() -> check.verifyRelease(new ReleaseToVerify("ORACLE", "1.4.2", OTHER.value())))
        .contains(PUBLISHED.value())
        .contains(OTHER.value())
        .endsWith("refusing to install");
  }

  @Test
  void refusesAnotherVersion_evenWithThePublishedDigest() {
    assertRefused(
            () -> check.verifyRelease(new ReleaseToVerify("ORACLE", "1.4.3", PUBLISHED.value())))
        .contains("names 1.4.2")
        .contains("asked to install 1.4.3");
  }

  @Test
  void aGuardianNode_refusesARelease_theSignersPublishedForAll_namingBothTiers() {
    BeaconDigestCheck guardian = new BeaconDigestCheck(beacon, BeaconTier.GUARDIAN);
    assertRefused(() -> guardian.verifyRelease(new ReleaseToVerify("ALL", "1.5.0", OTHER.value())))
        .contains("tier 'ALL'")
        .contains("pinned to tier GUARDIAN");
    // Relabelled as a GUARDIAN release, it is checked against GUARDIAN's beacon only, not ALL's.
    assertRefused(
            () -> guardian.verifyRelease(new ReleaseToVerify("GUARDIAN", "1.5.0", OTHER.value())))
        .contains("holds no release for tier GUARDIAN");
  }

  @Test
  void refusesAnotherTier_andAnUnknownTier() {
    assertRefused(
            () -> check.verifyRelease(new ReleaseToVerify("GUARDIAN", "1.4.2", PUBLISHED.value())))
        .contains("pinned to tier ORACLE");
    assertRefused(
            () -> check.verifyRelease(new ReleaseToVerify("PLATINUM", "1.4.2", PUBLISHED.value())))
        .contains("'PLATINUM'");
  }

  @Test
  void reportsUnreadable_retryably_whenTheRpcIsDown() throws IOException {
    String down = "http://127.0.0.1:" + unusedPort();
    try (ChainBeaconSource unreachable = new ChainBeaconSource(down, deployment.beacon())) {
      BeaconDigestCheck offline = new BeaconDigestCheck(unreachable, BeaconTier.ORACLE);
      assertThatThrownBy(
              () ->
                  offline.verifyRelease(new ReleaseToVerify("ORACLE", "1.4.2", PUBLISHED.value())))
          .isInstanceOfSatisfying(
              ApplicationFailure.class,
              failure -> {
                assertThat(failure.getType()).isEqualTo(ReleaseFailures.BEACON_UNREADABLE);
                assertThat(failure.isNonRetryable()).isFalse();
                assertThat(failure.getOriginalMessage()).contains(down);
              });
    }
  }

  /** The failure's message, after checking it is a final DIGEST_MISMATCH. */
  private static AbstractStringAssert<?> assertRefused(ThrowingCallable call) {
    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, call);
    assertThat(failure).as("refusal").isNotNull();
    assertThat(failure.getType()).isEqualTo(ReleaseFailures.DIGEST_MISMATCH);
    assertThat(failure.isNonRetryable()).isTrue();
    return assertThat(failure.getOriginalMessage());
  }

  /** Publishes through the multisig with two demo signatures, sorted by signer as it requires. */
  private void publish(BeaconTier tier, String version, ImageDigest image) throws Exception {
    NoderrMultisig multisig =
        NoderrMultisig.load(
            deployment.multisig().value(), chain.web3j(), chain.transactions(), DevChain.GAS);
    long deadline = Instant.now().plusSeconds(3600).getEpochSecond();
    PublishAction action =
        new PublishAction(tier.code(), version, image, "", "", multisig.nonce().send(), deadline);
    byte[] digest = action.digest(new MultisigDomain(DevChain.CHAIN_ID, deployment.multisig()));
    List<byte[]> signatures =
        DemoSigners.keys().stream()
            .sorted(Comparator.comparing(Signatures::addressOf))
            .limit(DemoSigners.THRESHOLD)
            .map(key -> Numeric.hexStringToByteArray(Signatures.sign(digest, key)))
            .toList();
    multisig
        .publish(
            BigInteger.valueOf(tier.code()),
            version,
            image.bytes32(),
            "",
            "",
            BigInteger.valueOf(deadline),
            signatures)
        .send();
  }

  private static int unusedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
