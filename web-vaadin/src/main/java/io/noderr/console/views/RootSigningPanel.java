package io.noderr.console.views;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import io.noderr.console.onboarding.DecisionRefusedException;
import io.noderr.console.release.DemoSignerKeys;
import io.noderr.console.rewards.RewardService;
import io.noderr.console.rewards.RewardViews.EpochDetail;
import io.noderr.console.rewards.RewardViews.SignatureAccepted;
import io.noderr.console.rewards.RewardViews.SignatureForm;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A signer's "Sign root" for the epoch awaiting signatures: the PublishRewardRoot typed data,
 * signed in the signer's browser wallet (eth_signTypedData_v4) or, in the demo profile only, with a
 * demo signer's key the server holds. The workflow decides whether a signature counts.
 */
final class RootSigningPanel extends VerticalLayout {

  private final RewardService rewards;
  private final EpochDetail epoch;
  private final Runnable onAnswered;
  private final Span status = new Span();

  RootSigningPanel(
      RewardService rewards,
      EpochDetail epoch,
      Optional<DemoSignerKeys> demoKeys,
      Runnable onAnswered) {
    this.rewards = rewards;
    this.epoch = epoch;
    this.onAnswered = onAnswered;
    setPadding(false);
    setId("root-signing");
    Select<String> signer = new Select<>();
    signer.setLabel("Sign as");
    signer.setItems(epoch.signing().eligible());
    Button sign =
        new Button(
            "Sign root",
            e ->
                WalletSigning.sign(
                    this,
                    signer.getValue(),
                    rewards.typedData(epoch.epoch()),
                    signature -> submit(signer.getValue(), signature),
                    status));
    sign.setId("sign-root");
    sign.setEnabled(false);
    signer.addValueChangeListener(e -> sign.setEnabled(e.getValue() != null));
    add(
        new H3("Sign the root of epoch " + epoch.epoch()),
        SigningBlocks.typedData(rewards.typedData(epoch.epoch()), "root-typed-data"),
        signer,
        sign,
        status);
    demoKeys.ifPresent(
        keys ->
            add(
                SigningBlocks.demoButtons(
                    keys,
                    number ->
                        submit(
                            keys.addresses().get(number - 1).value(),
                            keys.sign(number, epoch.signing().digest())))));
  }

  private void submit(String signer, String signature) {
    try {
      SignatureAccepted accepted =
          rewards.sign(
              epoch.epoch(),
              new SignatureForm(signer, signature),
              SecurityContextHolder.getContext().getAuthentication());
      Notification.show(
          "Accepted: "
              + accepted.signatures()
              + " of "
              + accepted.threshold()
              + " signatures, "
              + accepted.stage(),
          5000,
          Notification.Position.TOP_END);
    } catch (DecisionRefusedException e) {
      Notification.show(e.getMessage(), 8000, Notification.Position.MIDDLE)
          .addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
    onAnswered.run();
  }
}
