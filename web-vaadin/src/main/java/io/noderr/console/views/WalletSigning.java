package io.noderr.console.views;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Span;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Typed data signed in the person's own browser wallet (EIP-1193 {@code eth_signTypedData_v4}): the
 * server hands the wallet the typed data it shows and gets a signature back; it holds no key and
 * signs nothing.
 */
final class WalletSigning {

  static final String NO_WALLET =
      "no browser wallet found: sign the typed data above offline with your wallet"
          + " (eth_signTypedData_v4) and paste the signature, or use the terminal (noderr vote,"
          + " noderr propose)";

  /**
   * The wallet call, kept to the one request: the signer's address and the typed data as a JSON
   * string, as eth_signTypedData_v4 takes them. Null when the browser has no wallet.
   */
  private static final String WALLET_SIGN =
      "return (async () => {"
          + " if (!window.ethereum) { return null; }"
          + " const r = await window.ethereum.request({method: 'eth_signTypedData_v4',"
          + " params: [$0, $1]});"
          + " return r; })();";

  private WalletSigning() {}

  /**
   * Asks the wallet of {@code on}'s browser to sign; {@code onSigned} gets the signature, {@code
   * status} says when there is no wallet or it did not sign.
   */
  static void sign(
      Component on,
      String signer,
      Map<String, Object> typedData,
      Consumer<String> onSigned,
      Span status) {
    on.getElement()
        .executeJs(WALLET_SIGN, signer, SigningBlocks.typedDataJson(typedData))
        .then(
            String.class,
            signed -> {
              if (signed == null || signed.isBlank()) {
                show(status, NO_WALLET, false);
              } else {
                onSigned.accept(signed);
              }
            },
            error -> show(status, "the wallet did not sign: " + error, false));
  }

  /** A result line, green or red. */
  static void show(Span status, String text, boolean good) {
    status.setText(text);
    status.getElement().getThemeList().clear();
    status.getElement().getThemeList().add(good ? "badge success" : "badge error");
  }
}
