// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {VersionBeacon} from "./VersionBeacon.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// The governance timelock, as far as the guardian may touch it.
interface IOperationCanceller {
    function cancel(bytes32 id) external;
}

/// The staking contract, as far as the multisig may touch it.
interface ISlashable {
    function slash(address operator, uint256 amount) external;
}

/// The reward distributor, as far as the multisig (its publisher) may touch it.
interface IRewardDistributor {
    function token() external view returns (IERC20);
    function publishRoot(uint256 epoch, bytes32 root, uint256 total) external;
    function cancelRoot(uint256 epoch) external;
}

/// @title M-of-N owner of the VersionBeacon, verifying EIP-712 signatures on chain.
/// @notice Every action carries the multisig's next nonce (replay protection) and a deadline, and
/// at least `threshold` signatures by distinct signers, sorted by signer address (Safe's rule:
/// ascending order makes duplicates impossible to hide). The signer set and the threshold change
/// only through the multisig itself.
/// @notice Guardians (a subset of the signers) may each pause tiers alone, for `mandateSeconds`:
/// stopping harm is cheap, resuming is expensive. A guardian pause ends by itself: once its mandate
/// has run out anyone may call `expireGuardianPause`, so the time box holds even when the platform
/// is down. Only the quorum can make a pause indefinite (`setTiersPaused(tiers, true)`, ratifying)
/// or lift it early (`setTiersPaused(tiers, false)`).
/// @notice In governance the multisig is the guardian: with the quorum's signatures it may cancel
/// an operation queued on the governance timelock (`cancelQueued`, the timelock grants it
/// CANCELLER_ROLE and nothing more) and slash an operator's stake (`slash`).
/// @notice The multisig holds the rewards treasury: with the quorum's signatures it publishes a
/// reward epoch's Merkle root to the RewardDistributor, funding it from its own balance
/// (`publishRewardRoot`), or cancels a root still pending (`cancelRewardRoot`).
contract NoderrMultisig {
    using SafeERC20 for IERC20;

    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 public constant PUBLISH_TYPEHASH = keccak256(
        "Publish(uint8 tier,string version,bytes32 imageDigest,string minimumVersion,string notesUri,uint256 nonce,uint256 deadline)"
    );
    bytes32 public constant PAUSE_TYPEHASH = keccak256("Pause(uint8 tier,bool paused,uint256 nonce,uint256 deadline)");
    bytes32 public constant SIGNERS_TYPEHASH =
        keccak256("ChangeSigners(address[] signers,uint256 threshold,uint256 nonce,uint256 deadline)");
    bytes32 public constant GUARDIAN_PAUSE_TYPEHASH =
        keccak256("GuardianPause(uint256 tiers,uint256 nonce,uint256 deadline)");
    bytes32 public constant PAUSE_TIERS_TYPEHASH =
        keccak256("PauseTiers(uint256 tiers,bool paused,uint256 nonce,uint256 deadline)");
    bytes32 public constant GUARDIANS_TYPEHASH =
        keccak256("ChangeGuardians(address[] guardians,uint256 nonce,uint256 deadline)");
    bytes32 public constant CANCEL_QUEUED_TYPEHASH =
        keccak256("CancelQueued(address timelock,bytes32 operation,uint256 nonce,uint256 deadline)");
    bytes32 public constant SLASH_TYPEHASH =
        keccak256("Slash(address staking,address operator,uint256 amount,uint256 nonce,uint256 deadline)");

    bytes32 public constant PUBLISH_REWARD_ROOT_TYPEHASH = keccak256(
        "PublishRewardRoot(address distributor,uint256 epoch,bytes32 root,uint256 total,uint256 nonce,uint256 deadline)"
    );
    bytes32 public constant CANCEL_REWARD_ROOT_TYPEHASH =
        keccak256("CancelRewardRoot(address distributor,uint256 epoch,uint256 nonce,uint256 deadline)");

    /// Tier masks: bit i is tier code i (ALL = 0, ORACLE = 1, GUARDIAN = 2).
    uint256 private constant TIER_COUNT = 3;

    /// secp256k1n / 2: signatures with a higher s are malleable twins and are refused.
    uint256 private constant HALF_ORDER = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0;

    /// The beacon this multisig owns; created by the constructor, so no one can front-run the binding.
    VersionBeacon public immutable beacon;
    address[] private signerList;
    mapping(address => bool) public isSigner;
    uint256 public threshold;
    uint256 public nonce;
    address[] private guardianList;
    mapping(address => bool) public isGuardian;
    /// How long one guardian's pause lasts unless the quorum ratifies it; fixed at deployment.
    uint256 public immutable mandateSeconds;
    /// When each tier's guardian pause ends (unix seconds); 0 when the tier is not guardian-paused
    /// (unpaused, or paused by the quorum, indefinitely).
    mapping(uint8 => uint256) public guardianPauseExpiry;

    event SignersChanged(address[] signers, uint256 threshold);
    event GuardiansChanged(address[] guardians);
    event Executed(bytes32 indexed digest, uint256 nonce);
    event GuardianPaused(address guardian, uint256 tiers, uint256 expiresAt);
    event GuardianPauseExpired(uint8 tier);

    error Expired(uint256 deadline);
    error BadThreshold(uint256 threshold, uint256 signers);
    error BadSigner(address signer);
    error NotEnoughSignatures(uint256 valid, uint256 threshold);
    error SignaturesNotSorted(address previous, address next);
    error NotASigner(address recovered);
    error MalformedSignature(uint256 index);
    error BadMandate();
    error BadGuardian(address guardian);
    error BadTiers(uint256 tiers);
    error NotAGuardian(address recovered);
    error NoExpiredPause(uint256 tiers);

    constructor(
        address[] memory initialSigners,
        uint256 initialThreshold,
        address[] memory initialGuardians,
        uint256 initialMandateSeconds
    ) {
        if (initialMandateSeconds == 0) revert BadMandate();
        setSigners(initialSigners, initialThreshold);
        setGuardians(initialGuardians);
        mandateSeconds = initialMandateSeconds;
        beacon = new VersionBeacon(address(this));
    }

    function signers() external view returns (address[] memory) {
        return signerList;
    }

    function guardians() external view returns (address[] memory) {
        return guardianList;
    }

    function domainSeparator() public view returns (bytes32) {
        return keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256("NoderrMultisig"), keccak256("1"), block.chainid, address(this))
        );
    }

    function publishDigest(
        uint8 tier,
        string calldata version,
        bytes32 imageDigest,
        string calldata minimumVersion,
        string calldata notesUri,
        uint256 actionNonce,
        uint256 deadline
    ) public view returns (bytes32) {
        bytes32 structHash = keccak256(
            abi.encode(
                PUBLISH_TYPEHASH,
                tier,
                keccak256(bytes(version)),
                imageDigest,
                keccak256(bytes(minimumVersion)),
                keccak256(bytes(notesUri)),
                actionNonce,
                deadline
            )
        );
        return toTypedData(structHash);
    }

    function pauseDigest(uint8 tier, bool pause, uint256 actionNonce, uint256 deadline) public view returns (bytes32) {
        return toTypedData(keccak256(abi.encode(PAUSE_TYPEHASH, tier, pause, actionNonce, deadline)));
    }

    function signersDigest(address[] calldata newSigners, uint256 newThreshold, uint256 actionNonce, uint256 deadline)
        public
        view
        returns (bytes32)
    {
        return toTypedData(
            keccak256(
                abi.encode(
                    SIGNERS_TYPEHASH, keccak256(abi.encodePacked(newSigners)), newThreshold, actionNonce, deadline
                )
            )
        );
    }

    function guardianPauseDigest(uint256 tiers, uint256 actionNonce, uint256 deadline) public view returns (bytes32) {
        return toTypedData(keccak256(abi.encode(GUARDIAN_PAUSE_TYPEHASH, tiers, actionNonce, deadline)));
    }

    function pauseTiersDigest(uint256 tiers, bool pause, uint256 actionNonce, uint256 deadline)
        public
        view
        returns (bytes32)
    {
        return toTypedData(keccak256(abi.encode(PAUSE_TIERS_TYPEHASH, tiers, pause, actionNonce, deadline)));
    }

    function guardiansDigest(address[] calldata newGuardians, uint256 actionNonce, uint256 deadline)
        public
        view
        returns (bytes32)
    {
        return toTypedData(
            keccak256(abi.encode(GUARDIANS_TYPEHASH, keccak256(abi.encodePacked(newGuardians)), actionNonce, deadline))
        );
    }

    function cancelQueuedDigest(address timelock, bytes32 operation, uint256 actionNonce, uint256 deadline)
        public
        view
        returns (bytes32)
    {
        return toTypedData(keccak256(abi.encode(CANCEL_QUEUED_TYPEHASH, timelock, operation, actionNonce, deadline)));
    }

    function slashDigest(address staking, address operator, uint256 amount, uint256 actionNonce, uint256 deadline)
        public
        view
        returns (bytes32)
    {
        return toTypedData(keccak256(abi.encode(SLASH_TYPEHASH, staking, operator, amount, actionNonce, deadline)));
    }

    function publishRewardRootDigest(
        address distributor,
        uint256 epoch,
        bytes32 root,
        uint256 total,
        uint256 actionNonce,
        uint256 deadline
    ) public view returns (bytes32) {
        return toTypedData(
            keccak256(
                abi.encode(PUBLISH_REWARD_ROOT_TYPEHASH, distributor, epoch, root, total, actionNonce, deadline)
            )
        );
    }

    function cancelRewardRootDigest(address distributor, uint256 epoch, uint256 actionNonce, uint256 deadline)
        public
        view
        returns (bytes32)
    {
        return toTypedData(
            keccak256(abi.encode(CANCEL_REWARD_ROOT_TYPEHASH, distributor, epoch, actionNonce, deadline))
        );
    }

    /// @notice Publishes a reward epoch's root, funding the distributor with `total` tokens from
    /// this multisig's balance (approved for exactly this call, pulled by the distributor).
    function publishRewardRoot(
        address distributor,
        uint256 epoch,
        bytes32 root,
        uint256 total,
        uint256 deadline,
        bytes[] calldata signatures
    ) external {
        authorize(publishRewardRootDigest(distributor, epoch, root, total, nonce, deadline), deadline, signatures);
        IRewardDistributor rewards = IRewardDistributor(distributor);
        rewards.token().forceApprove(distributor, total);
        rewards.publishRoot(epoch, root, total);
    }

    /// @notice Cancels a reward root still pending; the distributor returns its tokens to the treasury.
    function cancelRewardRoot(address distributor, uint256 epoch, uint256 deadline, bytes[] calldata signatures)
        external
    {
        authorize(cancelRewardRootDigest(distributor, epoch, nonce, deadline), deadline, signatures);
        IRewardDistributor(distributor).cancelRoot(epoch);
    }

    /// @notice The guardian's veto: cancels operation `operation` queued on the governance timelock.
    function cancelQueued(address timelock, bytes32 operation, uint256 deadline, bytes[] calldata signatures)
        external
    {
        authorize(cancelQueuedDigest(timelock, operation, nonce, deadline), deadline, signatures);
        IOperationCanceller(timelock).cancel(operation);
    }

    function slash(address staking, address operator, uint256 amount, uint256 deadline, bytes[] calldata signatures)
        external
    {
        authorize(slashDigest(staking, operator, amount, nonce, deadline), deadline, signatures);
        ISlashable(staking).slash(operator, amount);
    }

    function publish(
        uint8 tier,
        string calldata version,
        bytes32 imageDigest,
        string calldata minimumVersion,
        string calldata notesUri,
        uint256 deadline,
        bytes[] calldata signatures
    ) external {
        bytes32 digest = publishDigest(tier, version, imageDigest, minimumVersion, notesUri, nonce, deadline);
        authorize(digest, deadline, signatures);
        beacon.publish(tier, version, imageDigest, minimumVersion, notesUri);
    }

    function setPaused(uint8 tier, bool pause, uint256 deadline, bytes[] calldata signatures) external {
        bytes32 digest = pauseDigest(tier, pause, nonce, deadline);
        authorize(digest, deadline, signatures);
        // The quorum's word on a tier replaces a guardian's: paused indefinitely, or not at all.
        delete guardianPauseExpiry[tier];
        if (pause) {
            beacon.pause(tier);
        } else {
            beacon.unpause(tier);
        }
    }

    /// @notice One guardian pauses `tiers` for `mandateSeconds`. A tier the quorum paused stays as it
    /// is (indefinitely paused); a tier already guardian-paused gets a new expiry.
    function guardianPause(uint256 tiers, uint256 deadline, bytes calldata signature) external {
        checkTiers(tiers);
        if (block.timestamp > deadline) revert Expired(deadline);
        bytes32 digest = guardianPauseDigest(tiers, nonce, deadline);
        address guardian = recover(digest, signature, 0);
        if (!isGuardian[guardian]) revert NotAGuardian(guardian);
        emit Executed(digest, nonce);
        nonce++;
        uint256 expiresAt = block.timestamp + mandateSeconds;
        for (uint8 tier = 0; tier < TIER_COUNT; tier++) {
            if (!inMask(tiers, tier)) continue;
            bool paused = beacon.paused(tier);
            if (paused && guardianPauseExpiry[tier] == 0) continue;
            guardianPauseExpiry[tier] = expiresAt;
            if (!paused) beacon.pause(tier);
        }
        emit GuardianPaused(guardian, tiers, expiresAt);
    }

    /// @notice The quorum pauses `tiers` indefinitely (ratifying any guardian pause) or unpauses them.
    function setTiersPaused(uint256 tiers, bool pause, uint256 deadline, bytes[] calldata signatures) external {
        checkTiers(tiers);
        authorize(pauseTiersDigest(tiers, pause, nonce, deadline), deadline, signatures);
        for (uint8 tier = 0; tier < TIER_COUNT; tier++) {
            if (!inMask(tiers, tier)) continue;
            delete guardianPauseExpiry[tier];
            if (beacon.paused(tier) == pause) continue;
            if (pause) {
                beacon.pause(tier);
            } else {
                beacon.unpause(tier);
            }
        }
    }

    /// @notice Anyone may end the guardian pauses in `tiers` whose mandate has run out; reverts with
    /// NoExpiredPause when there is none, so a caller knows nothing changed.
    function expireGuardianPause(uint256 tiers) external {
        checkTiers(tiers);
        bool expired = false;
        for (uint8 tier = 0; tier < TIER_COUNT; tier++) {
            uint256 expiry = guardianPauseExpiry[tier];
            if (!inMask(tiers, tier) || expiry == 0 || block.timestamp < expiry) continue;
            delete guardianPauseExpiry[tier];
            beacon.unpause(tier);
            emit GuardianPauseExpired(tier);
            expired = true;
        }
        if (!expired) revert NoExpiredPause(tiers);
    }

    function changeGuardians(address[] calldata newGuardians, uint256 deadline, bytes[] calldata signatures)
        external
    {
        authorize(guardiansDigest(newGuardians, nonce, deadline), deadline, signatures);
        setGuardians(newGuardians);
    }

    function changeSigners(
        address[] calldata newSigners,
        uint256 newThreshold,
        uint256 deadline,
        bytes[] calldata signatures
    ) external {
        bytes32 digest = signersDigest(newSigners, newThreshold, nonce, deadline);
        authorize(digest, deadline, signatures);
        setSigners(newSigners, newThreshold);
        dropFormerSigners();
    }

    /// @dev Checks deadline and signatures, then spends the nonce (before any external call).
    function authorize(bytes32 digest, uint256 deadline, bytes[] calldata signatures) private {
        if (block.timestamp > deadline) revert Expired(deadline);
        if (signatures.length < threshold) revert NotEnoughSignatures(signatures.length, threshold);
        address previous = address(0);
        for (uint256 i = 0; i < signatures.length; i++) {
            address signer = recover(digest, signatures[i], i);
            if (signer <= previous) revert SignaturesNotSorted(previous, signer);
            if (!isSigner[signer]) revert NotASigner(signer);
            previous = signer;
        }
        emit Executed(digest, nonce);
        nonce++;
    }

    function recover(bytes32 digest, bytes calldata signature, uint256 index) private pure returns (address) {
        if (signature.length != 65) revert MalformedSignature(index);
        bytes32 r = bytes32(signature[0:32]);
        bytes32 s = bytes32(signature[32:64]);
        uint8 v = uint8(signature[64]);
        if (v < 27) v += 27;
        if ((v != 27 && v != 28) || uint256(s) > HALF_ORDER) revert MalformedSignature(index);
        address signer = ecrecover(digest, v, r, s);
        if (signer == address(0)) revert MalformedSignature(index);
        return signer;
    }

    function toTypedData(bytes32 structHash) private view returns (bytes32) {
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator(), structHash));
    }

    function setSigners(address[] memory newSigners, uint256 newThreshold) private {
        if (newThreshold == 0 || newThreshold > newSigners.length) {
            revert BadThreshold(newThreshold, newSigners.length);
        }
        for (uint256 i = 0; i < signerList.length; i++) {
            isSigner[signerList[i]] = false;
        }
        for (uint256 i = 0; i < newSigners.length; i++) {
            if (newSigners[i] == address(0) || isSigner[newSigners[i]]) revert BadSigner(newSigners[i]);
            isSigner[newSigners[i]] = true;
        }
        signerList = newSigners;
        threshold = newThreshold;
        emit SignersChanged(newSigners, newThreshold);
    }

    /// @dev A guardian must be a signer: whoever may pause alone is someone the quorum trusts.
    function setGuardians(address[] memory newGuardians) private {
        for (uint256 i = 0; i < guardianList.length; i++) {
            isGuardian[guardianList[i]] = false;
        }
        for (uint256 i = 0; i < newGuardians.length; i++) {
            if (!isSigner[newGuardians[i]] || isGuardian[newGuardians[i]]) revert BadGuardian(newGuardians[i]);
            isGuardian[newGuardians[i]] = true;
        }
        guardianList = newGuardians;
        emit GuardiansChanged(newGuardians);
    }

    /// @dev After a signer change, guardians who are no longer signers lose the role.
    function dropFormerSigners() private {
        address[] memory current = guardianList;
        address[] memory kept = new address[](current.length);
        uint256 count = 0;
        for (uint256 i = 0; i < current.length; i++) {
            if (isSigner[current[i]]) kept[count++] = current[i];
        }
        if (count == current.length) return;
        // Shortens the array in place to the kept guardians (memory only, no storage).
        // solhint-disable-next-line no-inline-assembly
        assembly {
            mstore(kept, count)
        }
        setGuardians(kept);
    }

    function checkTiers(uint256 tiers) private pure {
        if (tiers == 0 || tiers >> TIER_COUNT != 0) revert BadTiers(tiers);
    }

    function inMask(uint256 tiers, uint8 tier) private pure returns (bool) {
        return tiers & (1 << tier) != 0;
    }
}
