package io.noderr.cli.chain;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.noderr.contracts.devchain.DemoDeployment;
import io.noderr.contracts.devchain.DevChain;
import io.noderr.signing.Address;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * {@code deployment.json} next to a persisted dev chain: the demo contracts deployed on it, so a
 * restart keeps the addresses everyone configured (platform, signers, agents) instead of deploying
 * new ones.
 */
public final class DeploymentFile {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the file holds: addresses as text, so it stays readable and editable by people. */
  record Recorded(
      String multisig,
      String beacon,
      List<String> signers,
      int threshold,
      List<String> guardians,
      Long mandateSeconds) {}

  /**
   * @param reused true when the contracts were already on the chain
   */
  public record Outcome(DemoDeployment deployment, boolean reused) {}

  private final Path file;

  public DeploymentFile(Path file) {
    this.file = file;
  }

  /**
   * The recorded deployment if its multisig is on this chain, else a new one (then recorded). A
   * file without guardians was written for a multisig without them (before guardian pauses): it is
   * replaced by a new deployment.
   */
  public Outcome reuseOrDeploy(DevChain chain) throws Exception {
    Optional<DemoDeployment> recorded = read();
    if (recorded.isPresent() && hasCode(chain, recorded.get().multisig())) {
      return new Outcome(recorded.get(), true);
    }
    DemoDeployment deployed = DemoDeployment.deploy(chain);
    write(deployed);
    return new Outcome(deployed, false);
  }

  private Optional<DemoDeployment> read() {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      Recorded r = JSON.readValue(file.toFile(), Recorded.class);
      if (r.guardians() == null || r.mandateSeconds() == null) {
        return Optional.empty();
      }
      return Optional.of(
          new DemoDeployment(
              Address.of(r.multisig()),
              Address.of(r.beacon()),
              r.signers().stream().map(Address::of).toList(),
              r.threshold(),
              r.guardians().stream().map(Address::of).toList(),
              r.mandateSeconds()));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          file + " is unreadable (" + e.getMessage() + "); move it away to deploy anew");
    }
  }

  private void write(DemoDeployment deployment) {
    Recorded recorded =
        new Recorded(
            deployment.multisig().value(),
            deployment.beacon().value(),
            deployment.signers().stream().map(Address::value).toList(),
            deployment.threshold(),
            deployment.guardians().stream().map(Address::value).toList(),
            deployment.mandateSeconds());
    try {
      Files.createDirectories(file.getParent());
      JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), recorded);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** A recorded address without code means the chain was reset (its directory deleted). */
  private static boolean hasCode(DevChain chain, Address address) throws IOException {
    String code =
        chain
            .web3j()
            .ethGetCode(address.value(), DefaultBlockParameterName.LATEST)
            .send()
            .getCode();
    return code != null && !code.equals("0x");
  }
}
