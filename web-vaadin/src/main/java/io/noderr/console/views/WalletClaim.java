package io.noderr.console.views;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import io.noderr.console.governance.TokenAmounts;
import io.noderr.console.rewards.RewardViews.ClaimCall;

/**
 * An operator claims its payout of an epoch from its own browser wallet (EIP-1193 {@code
 * eth_sendTransaction}): the platform hands the wallet the distributor's {@code claim} call with
 * the proof; the wallet signs and sends it, the contract checks the proof and pays. The console
 * holds no key.
 */
final class WalletClaim extends HorizontalLayout {

  static final String NO_WALLET =
      "no browser wallet found: claim with `noderr claim --keystore …` (docs/claiming.md)";

  /** The one wallet request: a transaction from the operator to the distributor. */
  private static final String WALLET_SEND =
      "return (async () => {"
          + " if (!window.ethereum) { return null; }"
          + " return await window.ethereum.request({method: 'eth_sendTransaction',"
          + " params: [{from: $0, to: $1, data: $2}]}); })();";

  WalletClaim(ClaimCall call) {
    Span status = new Span();
    status.setId("claim-status");
    Button claim =
        new Button(
            "Claim " + TokenAmounts.nodr(call.amount()) + " NODR with your wallet",
            click ->
                getElement()
                    .executeJs(WALLET_SEND, call.from(), call.to(), call.data())
                    .then(
                        String.class,
                        sent -> {
                          if (sent == null || sent.isBlank()) {
                            WalletSigning.show(status, NO_WALLET, false);
                          } else {
                            WalletSigning.show(
                                status,
                                "claim sent in transaction "
                                    + sent
                                    + "; the distributor pays once it is mined",
                                true);
                          }
                        },
                        error ->
                            WalletSigning.show(
                                status, "the wallet did not send: " + error, false)));
    claim.setId("claim-with-wallet");
    setDefaultVerticalComponentAlignment(Alignment.CENTER);
    add(claim, status);
  }
}
