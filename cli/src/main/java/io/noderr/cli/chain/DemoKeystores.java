package io.noderr.cli.chain;

import io.noderr.contracts.devchain.DemoOperators;
import io.noderr.signing.DemoSigners;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.WalletUtils;
import org.web3j.crypto.exception.CipherException;

/**
 * The PUBLICLY KNOWN demo keys as web3j/geth keystores ({@code signer-1.json} ... {@code
 * signer-3.json}, {@code sender.json}, the demo operators' {@code operator-1.json} to {@code
 * operator-3.json}), so the dev chain is used exactly as a real deployment would be: the signer CLI
 * and the platform read keystores, never raw keys. Written on every start, so the files always open
 * with the password just printed.
 */
public final class DemoKeystores {

  public static final String SENDER = "sender.json";

  private DemoKeystores() {}

  /** {@code signer-N.json}: demo signer {@code number} (1-3). */
  public static String signerFile(int number) {
    return "signer-" + number + ".json";
  }

  /** {@code operator-N.json}: demo operator {@code number} (1-3), who holds demo stake tokens. */
  public static String operatorFile(int number) {
    return "operator-" + number + ".json";
  }

  public static void write(Path dir, String password) throws IOException, CipherException {
    Files.createDirectories(dir);
    List<ECKeyPair> signers = DemoSigners.keys();
    for (int i = 0; i < signers.size(); i++) {
      write(dir, signerFile(i + 1), signers.get(i), password);
    }
    write(dir, SENDER, DemoSigners.devChainSender(), password);
    for (int n = 1; n <= DemoOperators.addresses().size(); n++) {
      write(dir, operatorFile(n), DemoOperators.key(n), password);
    }
  }

  private static void write(Path dir, String name, ECKeyPair key, String password)
      throws IOException, CipherException {
    // Full scrypt, as geth writes them: these files show the format real signers use.
    String generated = WalletUtils.generateWalletFile(password, key, dir.toFile(), true);
    Files.move(dir.resolve(generated), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }
}
