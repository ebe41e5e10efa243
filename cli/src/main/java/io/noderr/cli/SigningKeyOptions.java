package io.noderr.cli;

import io.noderr.cli.signer.KeyFile;
import io.noderr.cli.signer.SignerKey;
import java.nio.file.Path;
import org.web3j.crypto.ECKeyPair;
import picocli.CommandLine.Option;

/**
 * {@code --keystore} and {@code --yes}, for every command that signs with the person's own key
 * ({@code sign}, {@code vote}, {@code propose}): the key is read first (its address is what the
 * summary names), the person confirms the summary, and only then is the keystore unlocked.
 */
final class SigningKeyOptions {

  /** Where a keystore's password comes from when no one is at the terminal. */
  static final String KEYSTORE_PASSWORD_ENV = "NODERR_KEYSTORE_PASSWORD";

  @Option(
      names = "--keystore",
      required = true,
      paramLabel = "FILE",
      description =
          "Your key: a web3j/geth keystore JSON (its password comes from "
              + KEYSTORE_PASSWORD_ENV
              + " or is asked for after you confirm) or a file holding the private key in hex.")
  Path keystore;

  @Option(names = "--yes", description = "Do not ask for confirmation (scripts).")
  boolean yes;

  /** The key file, still locked: its address is known, its secret is not unlocked yet. */
  SignerKey read() {
    return KeyFile.read(keystore);
  }

  /** True with {@code --yes}, else when the person answers yes to {@code question}. */
  boolean confirmed(Terminal terminal, String question) {
    return yes || terminal.confirm(question);
  }

  /** Unlocks the key, asking for the keystore's password when the environment has none. */
  ECKeyPair unlock(SignerKey key, Terminal terminal) {
    return key.unlock(
        () -> terminal.secret(KEYSTORE_PASSWORD_ENV, "Password of " + keystore + ": "));
  }
}
