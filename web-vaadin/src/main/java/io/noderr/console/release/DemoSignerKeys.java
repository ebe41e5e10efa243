package io.noderr.console.release;

import io.noderr.signing.Address;
import io.noderr.signing.DemoSigners;
import io.noderr.signing.Signatures;
import java.util.List;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.web3j.utils.Numeric;

/**
 * DEMO ONLY: the three publicly known demo signer keys, held by the server so the demo console can
 * show a whole release without a wallet. Exists only in the {@code demo} profile; every other
 * profile has no signer key on the server, and signatures arrive made elsewhere.
 */
@Component
@Profile("demo")
public class DemoSignerKeys {

  public List<Address> addresses() {
    return DemoSigners.addresses();
  }

  /** Demo signer {@code number}'s (1-3) signature over a 0x-hex digest. */
  public String sign(int number, String digestHex) {
    return Signatures.sign(Numeric.hexStringToByteArray(digestHex), DemoSigners.key(number));
  }
}
