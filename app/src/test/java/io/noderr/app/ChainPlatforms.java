package io.noderr.app;

import io.noderr.contracts.devchain.DemoDeployment;
import io.noderr.contracts.devchain.DevChain;
import io.noderr.signing.DemoSigners;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.WalletUtils;

/** The embedded platform with its beacon on a dev chain (ganache) with the demo contracts. */
final class ChainPlatforms {

  /** Password of every keystore the tests write. */
  static final String PASSWORD = "noderr-demo";

  private ChainPlatforms() {}

  /** Starts the platform on {@code chain}'s demo deployment; the sender's keystore goes to keys. */
  static ConfigurableApplicationContext start(
      Path dataDir,
      Path keys,
      DevChain chain,
      DemoDeployment deployment,
      int simulatedNodes,
      String... extraArguments)
      throws Exception {
    Path sender = keystore(keys, DemoSigners.devChainSender(), "sender");
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "--noderr.beacon.rpc-url=" + chain.rpcUrl(),
                "--noderr.beacon.chain-id=" + DevChain.CHAIN_ID,
                "--noderr.beacon.multisig-address=" + deployment.multisig(),
                "--noderr.beacon.sender-keystore=" + sender,
                "--noderr.beacon.sender-keystore-password=" + PASSWORD,
                "--noderr.beacon.poll-interval=200ms"));
    arguments.addAll(List.of(extraArguments));
    return EmbeddedPlatforms.start(dataDir, simulatedNodes, arguments.toArray(String[]::new));
  }

  /** The key's keystore file in {@code keys} (written once), encrypted with {@link #PASSWORD}. */
  static Path keystore(Path keys, ECKeyPair key, String name) throws Exception {
    Path target = keys.resolve(name + ".json");
    if (!Files.exists(target)) {
      String file = WalletUtils.generateWalletFile(PASSWORD, key, keys.toFile(), false);
      Files.move(keys.resolve(file), target);
    }
    return target;
  }
}
