package io.noderr.cli.signer;

import io.noderr.signing.Address;
import io.noderr.signing.Signatures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.web3j.crypto.ECKeyPair;
import org.web3j.utils.Numeric;

/**
 * Reads a signer's key file: a web3j/geth keystore JSON (encrypted), or a file holding only the
 * private key as 64 hex digits (what a hardware-less emergency kit or the demo keys give). Error
 * messages name the file, never its content.
 */
public final class KeyFile {

  private static final Pattern HEX_KEY = Pattern.compile("(0x)?[0-9a-fA-F]{64}");

  private KeyFile() {}

  /**
   * @throws IllegalArgumentException when the file is missing or neither form
   */
  public static SignerKey read(Path file) {
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read key file " + file + ": " + e.getMessage());
    }
    if (content.startsWith("{")) {
      return Keystore.read(file);
    }
    if (!HEX_KEY.matcher(content).matches()) {
      throw new IllegalArgumentException(
          file + " is neither a keystore JSON nor a private key of 64 hex digits");
    }
    return new HexKey(ECKeyPair.create(Numeric.toBigInt(content)));
  }

  /** A clear-text key: nothing to unlock, so no password is asked for. */
  private record HexKey(ECKeyPair key) implements SignerKey {

    @Override
    public Address address() {
      return Signatures.addressOf(key);
    }

    @Override
    public ECKeyPair unlock(Supplier<char[]> password) {
      return key;
    }

    /** Records print their fields; this one must never print the key. */
    @Override
    public String toString() {
      return "HexKey[" + address() + "]";
    }
  }
}
