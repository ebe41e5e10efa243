package io.noderr.cli.signer;

import io.noderr.signing.Address;
import java.util.function.Supplier;
import org.web3j.crypto.ECKeyPair;

/**
 * A signer's key file. Its address is known before the key is unlocked, so a request is reviewed
 * (and refused if it is not for this signer) before any password is asked for.
 */
public interface SignerKey {

  Address address();

  /**
   * @param password asked only when the file is encrypted
   * @throws IllegalArgumentException when the key cannot be unlocked or is not {@link #address()}'s
   */
  ECKeyPair unlock(Supplier<char[]> password);
}
