package io.noderr.console.rewards;

import io.noderr.activities.rewards.EpochComputation;
import io.noderr.console.onboarding.DecisionRefusedException;
import io.noderr.console.rewards.RewardViews.Claim;
import io.noderr.console.rewards.RewardViews.ClaimCall;
import io.noderr.console.rewards.RewardViews.Claims;
import io.noderr.console.rewards.RewardViews.EpochDetail;
import io.noderr.console.rewards.RewardViews.EpochPage;
import io.noderr.console.rewards.RewardViews.EpochSummary;
import io.noderr.console.rewards.RewardViews.NodeOutcome;
import io.noderr.console.rewards.RewardViews.Payout;
import io.noderr.console.rewards.RewardViews.SignatureAccepted;
import io.noderr.console.rewards.RewardViews.SignatureForm;
import io.noderr.console.security.Callers;
import io.noderr.http.BadRequestException;
import io.noderr.registry.access.OperatorScope;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.governance.GovernanceIdentities;
import io.noderr.registry.rewards.RewardEpochRow;
import io.noderr.registry.rewards.RewardEpochs;
import io.noderr.registry.rewards.RewardPayoutRow;
import io.noderr.signing.Address;
import io.noderr.signing.MultisigDomain;
import io.noderr.signing.PublishRewardRootAction;
import io.noderr.signing.RewardClaimCall;
import io.noderr.signing.RewardLeaf;
import io.noderr.workflows.rewards.RewardEpochStage;
import io.noderr.workflows.rewards.RewardEpochState;
import io.noderr.workflows.rewards.RewardEpochWorkflow;
import io.noderr.workflows.rewards.RootSignCommand;
import io.noderr.workflows.rewards.RootSignatureAccepted;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.web3j.utils.Numeric;

/**
 * Reward epochs for the console API and the Rewards view: the read model the RewardEpochWorkflow
 * writes, with the running epoch's live stage and signatures merged in; signers' signatures go to
 * that workflow's {@code sign} Update. An operator login reads only its own payout and nodes (its
 * payout address is its governance identity); another operator's claims are a 404.
 */
@Service
public class RewardService {

  private static final String READERS = "hasAnyRole('ADMIN','SRE','OPERATOR','SIGNER')";
  private static final Pattern SIGNATURE = Pattern.compile("^0x[0-9a-fA-F]{130}$");

  private final RewardEpochs epochs;
  private final LiveRewardEpoch live;
  private final GovernanceIdentities identities;
  private final RewardClaimSettings claimSettings;
  private final AuditLog audit;

  RewardService(
      RewardEpochs epochs,
      LiveRewardEpoch live,
      GovernanceIdentities identities,
      RewardClaimSettings claimSettings,
      AuditLog audit) {
    this.epochs = epochs;
    this.live = live;
    this.identities = identities;
    this.claimSettings = claimSettings;
    this.audit = audit;
  }

  @PreAuthorize(READERS)
  public EpochPage epochs(int page, int size) {
    return new EpochPage(
        page, size, epochs.newestFirst(page * size, size).stream().map(EpochSummary::of).toList());
  }

  /** The epoch as stored, with the workflow's live stage and signing while it runs the epoch. */
  @PreAuthorize(READERS)
  public EpochDetail epoch(long epoch) {
    Optional<RewardEpochRow> row = epochs.of(epoch);
    Optional<RewardEpochState> running = live.state(epoch);
    if (row.isEmpty() && running.isEmpty()) {
      throw unknown(epoch);
    }
    return row.map(RewardEpochDetails::stored)
        .map(
            stored -> running.map(live -> RewardEpochDetails.withLive(stored, live)).orElse(stored))
        .orElseGet(() -> RewardEpochDetails.live(running.get()));
  }

  /** ADMIN, SRE and SIGNER see every recipient; an operator login its own row only. */
  @PreAuthorize(READERS)
  public List<Payout> payouts(long epoch, Authentication caller) {
    requireKnown(epoch);
    List<RewardPayoutRow> all = epochs.payouts(epoch);
    PayoutExplanation explanation = new PayoutExplanation(all);
    Optional<String> own = ownAddress(caller);
    return all.stream()
        .filter(p -> seesAll(caller) || own.filter(p.operatorAddress()::equals).isPresent())
        .map(p -> payout(p, explanation))
        .toList();
  }

  /** Every node's outcome; an operator login's own nodes only. */
  @PreAuthorize(READERS)
  public List<NodeOutcome> nodes(long epoch, Authentication caller) {
    requireKnown(epoch);
    var rows =
        seesAll(caller)
            ? epochs.nodes(epoch)
            : ownAddress(caller).map(a -> epochs.nodesOf(epoch, a)).orElse(List.of());
    return rows.stream().map(NodeOutcome::of).toList();
  }

  /**
   * Every epoch's payout to {@code address} with its proof, and the distributor to claim it from.
   * An operator login asks for its own address only: any other is a 404, as if unknown.
   */
  @PreAuthorize("hasAnyRole('ADMIN','SRE','OPERATOR')")
  public Claims claims(String address, Authentication caller) {
    String account = address(address, "address").value();
    if (!seesAll(caller) && !ownAddress(caller).filter(account::equals).isPresent()) {
      throw new RewardEpochNotFoundException(
          "no claims for "
              + account
              + " yet: an address can claim once an epoch that paid it is published");
    }
    List<Claim> claims =
        epochs.payoutsOf(account).stream()
            .flatMap(p -> epochs.of(p.epoch()).stream().map(e -> claim(e, p)))
            .toList();
    return new Claims(account, claimSettings.chainId(), claimSettings.distributor(), claims);
  }

  /**
   * The claim an operator login's wallet sends for its own payout of {@code epoch}. 404 when it was
   * not paid in the epoch, 409 when economics are off (no distributor to claim from).
   */
  @PreAuthorize("hasRole('OPERATOR')")
  public ClaimCall claimCall(long epoch, Authentication caller) {
    String account =
        ownAddress(caller)
            .orElseThrow(
                () -> new RewardEpochNotFoundException("your login has no payout address"));
    RewardPayoutRow payout =
        epochs
            .payout(epoch, account)
            .orElseThrow(
                () ->
                    new RewardEpochNotFoundException(
                        "no payout to " + account + " in epoch " + epoch));
    if (claimSettings.distributor() == null) {
      throw new DecisionRefusedException("rewards are off: no distributor is configured");
    }
    String data =
        RewardClaimCall.calldata(
            new RewardLeaf(epoch, Address.of(account), payout.amount()),
            payout.proof().stream().map(Numeric::hexStringToByteArray).toList());
    return new ClaimCall(
        claimSettings.chainId(),
        account,
        claimSettings.distributor(),
        data,
        payout.amount().toString());
  }

  /** The PublishRewardRoot typed data signers sign (eth_signTypedData_v4). */
  @PreAuthorize("hasRole('SIGNER')")
  public Map<String, Object> typedData(long epoch) {
    RewardEpochState state = awaiting(epoch);
    return action(state).typedData(domain(state));
  }

  /** Hands a signature to the epoch's workflow; its refusal comes back as a 409 with the reason. */
  @PreAuthorize("hasRole('SIGNER')")
  public SignatureAccepted sign(long epoch, SignatureForm form, Authentication caller) {
    if (form == null
        || form.signature() == null
        || !SIGNATURE.matcher(form.signature()).matches()) {
      throw new BadRequestException("signature must be 65 bytes of 0x-hex");
    }
    Address signer = address(form.signer(), "signer");
    requireKnown(epoch);
    RootSignatureAccepted accepted;
    try {
      accepted =
          live.sign(new RootSignCommand(epoch, signer.value(), form.signature(), caller.getName()));
    } catch (DecisionRefusedException refused) {
      // A refused Update leaves no trace in the workflow's history: the audit log keeps it.
      audit.append(
          caller.getName(),
          "rewards.signature-refused",
          "reward-epoch-" + epoch,
          signer.checksummed() + ": " + refused.getMessage(),
          RewardEpochWorkflow.WORKFLOW_ID);
      throw refused;
    }
    return new SignatureAccepted(
        accepted.epoch(), accepted.stage().name(), accepted.signatures(), accepted.threshold());
  }

  /** The live state of {@code epoch} while it awaits signatures; 409 when not, 404 unknown. */
  private RewardEpochState awaiting(long epoch) {
    Optional<RewardEpochState> state = live.state(epoch);
    if (state.isPresent()
        && state.get().stage() == RewardEpochStage.AWAITING_SIGNATURES
        && state.get().digest() != null) {
      return state.get();
    }
    String stage =
        state
            .map(s -> s.stage().name())
            .or(() -> epochs.of(epoch).map(RewardEpochRow::stage))
            .orElseThrow(() -> unknown(epoch));
    throw new DecisionRefusedException(
        "epoch " + epoch + " is " + stage + ", not awaiting signatures");
  }

  private static PublishRewardRootAction action(RewardEpochState state) {
    EpochComputation computation = state.computation();
    return new PublishRewardRootAction(
        Address.of(state.distributor()),
        state.epoch(),
        HexFormat.of().parseHex(computation.root().substring(2)),
        new BigInteger(computation.paid()),
        new BigInteger(state.nonce()),
        state.signingDeadline());
  }

  private static MultisigDomain domain(RewardEpochState state) {
    return new MultisigDomain(state.chainId(), Address.of(state.multisig()));
  }

  private void requireKnown(long epoch) {
    if (epochs.of(epoch).isEmpty() && live.state(epoch).isEmpty()) {
      throw unknown(epoch);
    }
  }

  private static Claim claim(RewardEpochRow epoch, RewardPayoutRow payout) {
    return new Claim(
        payout.epoch(), epoch.stage(), epoch.root(), payout.amount().toString(), payout.proof());
  }

  private static Payout payout(RewardPayoutRow row, PayoutExplanation explanation) {
    return new Payout(
        row.epoch(),
        row.operatorAddress(),
        row.performanceScore().toString(),
        row.effectiveStake().toString(),
        row.amount().toString(),
        row.proof(),
        explanation.of(row));
  }

  private static boolean seesAll(Authentication caller) {
    return Callers.scope(caller) instanceof OperatorScope.All;
  }

  /** An operator login's payout address; empty for everyone else and operators without one. */
  private Optional<String> ownAddress(Authentication caller) {
    return Callers.scope(caller) instanceof OperatorScope.One one
        ? identities.signingAddressOfOperator(one.operatorId())
        : Optional.empty();
  }

  private static Address address(String text, String name) {
    try {
      return Address.of(text);
    } catch (RuntimeException e) {
      throw new BadRequestException(name + " must be a 0x-address of 40 hex digits");
    }
  }

  private static RewardEpochNotFoundException unknown(long epoch) {
    return new RewardEpochNotFoundException("reward epoch " + epoch + " is unknown");
  }
}
