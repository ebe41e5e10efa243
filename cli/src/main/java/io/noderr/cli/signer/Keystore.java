package io.noderr.cli.signer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.noderr.signing.Address;
import io.noderr.signing.Signatures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Wallet;
import org.web3j.crypto.WalletFile;
import org.web3j.crypto.exception.CipherException;
import org.web3j.protocol.ObjectMapperFactory;
import org.web3j.utils.Numeric;

/**
 * A signer's key in a web3j/geth keystore file. The address is read without the password, so the
 * request is reviewed before the key is unlocked.
 */
public final class Keystore implements SignerKey {

  private static final ObjectMapper JSON = ObjectMapperFactory.getObjectMapper();

  private final Path file;
  private final WalletFile wallet;
  private final Address address;

  private Keystore(Path file, WalletFile wallet, Address address) {
    this.file = file;
    this.wallet = wallet;
    this.address = address;
  }

  /**
   * @throws IllegalArgumentException when the file is missing or not a keystore
   */
  public static Keystore read(Path file) {
    WalletFile wallet;
    try {
      wallet = JSON.readValue(file.toFile(), WalletFile.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read keystore " + file + ": " + e.getMessage());
    }
    if (wallet.getAddress() == null || wallet.getCrypto() == null) {
      throw new IllegalArgumentException(
          file + " is not a keystore (no address or crypto section)");
    }
    return new Keystore(file, wallet, Address.of(Numeric.prependHexPrefix(wallet.getAddress())));
  }

  /** The address the keystore says it holds (checked against the key by {@link #unlock}). */
  @Override
  public Address address() {
    return address;
  }

  /**
   * @throws IllegalArgumentException for a wrong password, or a key that is not the named address
   */
  @Override
  public ECKeyPair unlock(Supplier<char[]> password) {
    ECKeyPair key;
    try {
      key = Wallet.decrypt(new String(password.get()), wallet);
    } catch (CipherException e) {
      throw new IllegalArgumentException("cannot unlock keystore " + file + ": " + e.getMessage());
    }
    if (!Signatures.addressOf(key).equals(address)) {
      throw new IllegalArgumentException(
          "keystore "
              + file
              + " holds the key of "
              + Signatures.addressOf(key)
              + ", not "
              + address);
    }
    return key;
  }
}
