package io.noderr.cli.chain;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.noderr.contracts.devchain.DemoDeployment;
import io.noderr.contracts.devchain.DemoEconomics;
import io.noderr.contracts.devchain.DemoGovernance;
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
      Long mandateSeconds,
      RecordedGovernance governance,
      RecordedEconomics economics) {}

  record RecordedGovernance(
      String token, String staking, String timelock, String governor, String parameters) {}

  record RecordedEconomics(String distributor, String feeCollector) {}

  /**
   * @param reused true when the contracts were already on the chain
   */
  public record Outcome(
      DemoDeployment deployment,
      DemoGovernance governance,
      DemoEconomics economics,
      boolean reused) {}

  private record Deployed(
      DemoDeployment deployment, DemoGovernance governance, DemoEconomics economics) {}

  private final Path file;

  public DeploymentFile(Path file) {
    this.file = file;
  }

  /**
   * The recorded deployment if its multisig, governor and distributor are on this chain, else a new
   * one (then recorded). A file without guardians, governance or economics was written for an older
   * multisig (before guardian pauses, before it could cancel queued proposals and slash, or before
   * it published reward roots): it is replaced by a new deployment of everything.
   */
  public Outcome reuseOrDeploy(DevChain chain) throws Exception {
    Optional<Deployed> recorded = read();
    if (recorded.isPresent()
        && hasCode(chain, recorded.get().deployment().multisig())
        && hasCode(chain, recorded.get().governance().governor())
        && hasCode(chain, recorded.get().economics().distributor())) {
      Deployed r = recorded.get();
      return new Outcome(r.deployment(), r.governance(), r.economics(), true);
    }
    DemoDeployment deployed = DemoDeployment.deploy(chain);
    DemoGovernance governance = DemoGovernance.deploy(chain, deployed.multisig());
    DemoEconomics economics = DemoEconomics.deploy(chain, deployed.multisig(), governance);
    write(deployed, governance, economics);
    return new Outcome(deployed, governance, economics, false);
  }

  private Optional<Deployed> read() {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      Recorded r = JSON.readValue(file.toFile(), Recorded.class);
      if (r.guardians() == null
          || r.mandateSeconds() == null
          || r.governance() == null
          || r.economics() == null) {
        return Optional.empty();
      }
      RecordedGovernance g = r.governance();
      RecordedEconomics e = r.economics();
      return Optional.of(
          new Deployed(
              new DemoDeployment(
                  Address.of(r.multisig()),
                  Address.of(r.beacon()),
                  r.signers().stream().map(Address::of).toList(),
                  r.threshold(),
                  r.guardians().stream().map(Address::of).toList(),
                  r.mandateSeconds()),
              new DemoGovernance(
                  Address.of(g.token()),
                  Address.of(g.staking()),
                  Address.of(g.timelock()),
                  Address.of(g.governor()),
                  Address.of(g.parameters())),
              new DemoEconomics(Address.of(e.distributor()), Address.of(e.feeCollector()))));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          file + " is unreadable (" + e.getMessage() + "); move it away to deploy anew");
    }
  }

  private void write(
      DemoDeployment deployment, DemoGovernance governance, DemoEconomics economics) {
    Recorded recorded =
        new Recorded(
            deployment.multisig().value(),
            deployment.beacon().value(),
            deployment.signers().stream().map(Address::value).toList(),
            deployment.threshold(),
            deployment.guardians().stream().map(Address::value).toList(),
            deployment.mandateSeconds(),
            new RecordedGovernance(
                governance.token().value(),
                governance.staking().value(),
                governance.timelock().value(),
                governance.governor().value(),
                governance.parameters().value()),
            new RecordedEconomics(
                economics.distributor().value(), economics.feeCollector().value()));
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
