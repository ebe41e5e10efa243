package io.noderr.console.views;

import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.RouteNotFoundError;
import io.noderr.console.release.BeaconView;
import io.noderr.console.release.ReleaseDetails;
import io.noderr.registry.release.ReleaseRow;
import io.noderr.signing.Address;
import io.noderr.signing.DeclineAction;
import io.noderr.signing.DemoSigners;
import io.noderr.signing.MultisigDomain;
import io.noderr.signing.Signatures;
import io.noderr.worker.beacon.LocalBeacon;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * The Signer inbox in Karibu's browserless Vaadin on the real Spring context, with the real
 * ReleaseApprovalWorkflow verifying every signature and publishing to the local beacon at 2 of 3:
 * what a signer reads before signing, signatures made offline (here: in the test, with the demo
 * signers' keys) pasted in, one over other data refused in the workflow's words, the demo profile's
 * server-held demo keys, a signed refusal, and who may open the inbox.
 */
class SignerInboxViewIT extends AbstractReleaseIT {

  private static final Address SIGNER_1 = DemoSigners.addresses().get(0);
  private static final Address SIGNER_2 = DemoSigners.addresses().get(1);
  private static final Address SIGNER_3 = DemoSigners.addresses().get(2);

  @Test
  void aSignerReadsTheSummaryAndTheExactTypedDataBeforeSigning() {
    ReleaseDetails proposed = proposeAsAdmin("ORACLE", "1.0.0");
    startAs("signer1");
    SignerInboxView view = openAndSelect(proposed.id());

    assertThat(_find(view.details, Span.class).stream().map(Span::getText))
        .anyMatch(text -> text.startsWith("Publish node software 1.0.0 to tier ORACLE"))
        .contains("image digest      " + IMAGE_DIGEST)
        .contains("multisig nonce    0")
        .contains("chain id          " + LOCAL_CHAIN_ID)
        .contains("multisig contract " + LocalBeacon.ADDRESS.checksummed());
    assertThat(line(view.details, "EIP-712 digest")).isEqualTo(proposed.digest());
    String typedData = _get(Pre.class, spec -> spec.withId("inbox-typed-data")).getText();
    assertThat(typedData)
        .contains("\"primaryType\" : \"Publish\"")
        .contains("\"verifyingContract\" : \"" + LocalBeacon.ADDRESS.checksummed() + "\"")
        .contains("\"chainId\" : " + LOCAL_CHAIN_ID)
        .contains("\"version\" : \"1.0.0\"");
    // The local multisig's address, shown checksummed (EIP-55) as wallets show it.
    assertThat(LocalBeacon.ADDRESS.checksummed())
        .isNotEqualTo(LocalBeacon.ADDRESS.value())
        .isEqualToIgnoringCase("0xa4a882ec6c5c660cffcf7696af2fba464207b51f");
    // The demo profile offers the three server-held demo keys, clearly labelled.
    for (int number = 1; number <= 3; number++) {
      String id = "demo-sign-" + number;
      assertThat(_get(Button.class, spec -> spec.withId(id)).getText())
          .startsWith("Sign as demo signer #" + number);
    }
  }

  @Test
  void pastedSignatures_areCounted_aForgedOneIsRefused_andTheDemoKeyReachesTheThreshold() {
    ReleaseDetails proposed = proposeAsAdmin("ORACLE", "1.0.0");
    startAs("signer1");
    SignerInboxView view = openAndSelect(proposed.id());
    String digest = line(view.details, "EIP-712 digest");

    // Signer 1 signs the digest shown, offline, and pastes address and signature.
    paste(view, SIGNER_1.checksummed(), Signatures.sign(bytes(digest), DemoSigners.key(1)));
    _click(view.submit);

    assertThat(notifications()).containsExactly("Accepted: 1 of 2 signatures, AWAITING_SIGNATURES");
    assertThat(line(view.details, "Signed so far")).isEqualTo(SIGNER_1.value());
    assertThat(awaitRow(proposed.id(), row -> row.signedBy().size() == 1).signedBy())
        .containsExactly(SIGNER_1.value());

    // Signer 2's key, but over other data: the workflow refuses it and says why.
    NotificationsKt.clearNotifications();
    byte[] otherData = Hash.sha3("some other release".getBytes(StandardCharsets.UTF_8));
    paste(view, SIGNER_2.checksummed(), Signatures.sign(otherData, DemoSigners.key(2)));
    _click(view.submit);

    assertThat(notifications())
        .singleElement(InstanceOfAssertFactories.STRING)
        .startsWith("the signature is not " + SIGNER_2.checksummed() + "'s over this release")
        .endsWith("it was made over other data or with another key");
    assertThat(releases.details(proposed.id()).signedBy()).containsExactly(SIGNER_1.value());
    assertThat(line(view.details, "Signed so far")).isEqualTo(SIGNER_1.value());

    // Demo signer 2's key held by the server (demo profile) makes it 2 of 2: published.
    NotificationsKt.clearNotifications();
    _click(_get(Button.class, spec -> spec.withId("demo-sign-2")));

    assertThat(notifications()).containsExactly("Accepted: 2 of 2 signatures, PUBLISHING");
    ReleaseRow published = awaitStatus(proposed.id(), "PUBLISHED");
    assertThat(published.signedBy()).containsExactlyInAnyOrder(SIGNER_1.value(), SIGNER_2.value());
    assertThat(published.transactionHash()).isNotBlank();
    assertThat(releases.currentReleases())
        .singleElement()
        .satisfies(
            current -> {
              assertThat(current.tier()).isEqualTo("ORACLE");
              assertThat(current.version()).isEqualTo("1.0.0");
              assertThat(current.imageDigest()).isEqualTo(IMAGE_DIGEST);
              assertThat(current.backend()).isEqualTo("LOCAL");
              assertThat(current.beaconAddress()).isEqualTo(LocalBeacon.ADDRESS.value());
              assertThat(current.transactionHash()).isEqualTo(published.transactionHash());
            });
    assertThat(releases.currentReleases()).extracting(BeaconView::version).containsExactly("1.0.0");
    // Nothing left to sign; the Releases page shows the tier's new version.
    view.grid.getDataProvider().refreshAll();
    assertThat(_size(view.grid)).isZero();
    UI.getCurrent().navigate(ReleasesView.class);
    assertThat(_get(Span.class, spec -> spec.withId("current-versions")).getText())
        .isEqualTo("Current: ORACLE 1.0.0");
  }

  @Test
  void aSignedRefusal_isCountedAsADecline() {
    ReleaseDetails proposed = proposeAsAdmin("GUARDIAN", "2.0.0");
    startAs("signer3");
    SignerInboxView view = openAndSelect(proposed.id());
    String reason = "the image was not reproducible";
    MultisigDomain localMultisig = new MultisigDomain(LOCAL_CHAIN_ID, LocalBeacon.ADDRESS);
    byte[] decline =
        new DeclineAction(bytes(line(view.details, "EIP-712 digest")), reason)
            .digest(localMultisig);

    paste(view, SIGNER_3.value(), Signatures.sign(decline, DemoSigners.key(3)));
    _setValue(view.declineReason, reason);
    _click(view.decline);

    assertThat(notifications()).containsExactly("Accepted: 0 of 2 signatures, AWAITING_SIGNATURES");
    ReleaseDetails declined = releases.details(proposed.id());
    assertThat(declined.declinedBy()).containsExactly(SIGNER_3.value());
    assertThat(declined.status()).isEqualTo("AWAITING_SIGNATURES");
    assertThat(line(view.details, "Signed so far")).isEqualTo("-");
    assertThat(awaitRow(proposed.id(), row -> !row.declinedBy().isEmpty()).declinedBy())
        .containsExactly(SIGNER_3.value());
  }

  @Test
  void admins_cannotOpenTheInbox() {
    startAs("admin");
    UI.getCurrent().navigate(SignerInboxView.class);
    assertThat(_get(RouteNotFoundError.class).getElement().getOuterHTML())
        .contains("Access is denied");
  }

  private static SignerInboxView openAndSelect(String releaseId) {
    UI.getCurrent().navigate(SignerInboxView.class);
    SignerInboxView view = _get(SignerInboxView.class);
    assertThat(_size(view.grid)).isEqualTo(1);
    assertThat(_get(view.grid, 0).id()).isEqualTo(releaseId);
    view.grid.select(_get(view.grid, 0));
    return view;
  }

  private static void paste(SignerInboxView view, String signer, String signature) {
    _setValue(view.signer, signer);
    _setValue(view.signature, signature);
  }

  private static byte[] bytes(String hex) {
    return Numeric.hexStringToByteArray(hex);
  }
}
