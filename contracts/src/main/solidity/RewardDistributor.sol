// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

/// @title Pays each reward epoch's operators from a Merkle root of (epoch, account, amount).
/// @notice The publisher (the NoderrMultisig holding the rewards treasury) publishes an epoch's
/// root together with its total, which this contract pulls from the publisher. A root first waits
/// `pendingDelay` seconds, during which the publisher or the guardian may cancel it (a wrong root
/// costs nothing: the tokens go back to the treasury); then for `claimPeriod` seconds anyone may
/// submit an account's claim with its proof, and the tokens always go to that account. After the
/// claim period anyone may send what nobody claimed back to the treasury.
/// @notice Leaves are OpenZeppelin StandardMerkleTree's for ["uint256","address","uint256"]
/// (Java: io.noderr.signing.RewardTree), so off-chain tooling builds the same proofs.
/// @notice Epoch numbers start at 1 and strictly increase. Cancelling the latest epoch frees its
/// number, so a corrected root may be published under the same number; an older cancelled epoch
/// stays cancelled (its number is below a live one).
contract RewardDistributor {
    using SafeERC20 for IERC20;

    struct Epoch {
        bytes32 root;
        uint256 total;
        uint256 claimed;
        uint64 claimableAt;
        uint64 deadline;
        bool cancelled;
        bool clawedBack;
    }

    IERC20 public immutable token;
    /// Where cancelled epochs' tokens and unclaimed remainders go.
    address public immutable treasury;
    address public immutable publisher;
    /// May cancel a pending root alone: stopping a wrong payout is cheap, publishing is not.
    address public immutable guardian;
    uint256 public immutable pendingDelay;
    uint256 public immutable claimPeriod;

    mapping(uint256 => Epoch) public epochs;
    /// The highest epoch number in use; a new root needs a higher one.
    uint256 public lastEpoch;
    mapping(uint256 => mapping(address => bool)) private claimedBy;

    event RootPublished(uint256 indexed epoch, bytes32 root, uint256 total, uint256 claimableAt, uint256 deadline);
    event RootCancelled(uint256 indexed epoch, address by);
    event Claimed(uint256 indexed epoch, address indexed account, uint256 amount);
    event ClawedBack(uint256 indexed epoch, uint256 amount);

    error ZeroAddress(string role);
    error ZeroClaimPeriod();
    error NotPublisher(address caller);
    error NotPublisherOrGuardian(address caller);
    error EpochNotIncreasing(uint256 epoch, uint256 lastEpoch);
    error ZeroRoot(uint256 epoch);
    error ZeroTotal(uint256 epoch);
    error UnknownEpoch(uint256 epoch);
    error EpochCancelled(uint256 epoch);
    error StillPending(uint256 epoch, uint256 claimableAt);
    error NoLongerPending(uint256 epoch, uint256 claimableAt);
    error ClaimPeriodOver(uint256 epoch, uint256 deadline);
    error ClaimPeriodNotOver(uint256 epoch, uint256 deadline);
    error AlreadyClaimed(uint256 epoch, address account);
    error InvalidProof(uint256 epoch, address account, uint256 amount);
    error ExceedsEpochTotal(uint256 epoch, uint256 claimed, uint256 total);
    error AlreadyClawedBack(uint256 epoch);

    constructor(
        address token_,
        address treasury_,
        address publisher_,
        address guardian_,
        uint256 pendingDelay_,
        uint256 claimPeriod_
    ) {
        if (token_ == address(0)) revert ZeroAddress("token");
        if (treasury_ == address(0)) revert ZeroAddress("treasury");
        if (publisher_ == address(0)) revert ZeroAddress("publisher");
        if (guardian_ == address(0)) revert ZeroAddress("guardian");
        if (claimPeriod_ == 0) revert ZeroClaimPeriod();
        token = IERC20(token_);
        treasury = treasury_;
        publisher = publisher_;
        guardian = guardian_;
        pendingDelay = pendingDelay_;
        claimPeriod = claimPeriod_;
    }

    /// @notice Publishes epoch `epoch`'s root and pulls its `total` from the publisher (who must
    /// have approved it).
    function publishRoot(uint256 epoch, bytes32 root, uint256 total) external {
        if (msg.sender != publisher) revert NotPublisher(msg.sender);
        if (epoch <= lastEpoch) revert EpochNotIncreasing(epoch, lastEpoch);
        if (root == bytes32(0)) revert ZeroRoot(epoch);
        if (total == 0) revert ZeroTotal(epoch);
        uint64 claimableAt = uint64(block.timestamp + pendingDelay);
        uint64 deadline = uint64(claimableAt + claimPeriod);
        // Overwrites a cancelled epoch of the same number, which never paid anyone.
        epochs[epoch] = Epoch(root, total, 0, claimableAt, deadline, false, false);
        lastEpoch = epoch;
        emit RootPublished(epoch, root, total, claimableAt, deadline);
        token.safeTransferFrom(msg.sender, address(this), total);
    }

    /// @notice Withdraws a root nobody can claim yet; its tokens go back to the treasury.
    function cancelRoot(uint256 epoch) external {
        if (msg.sender != publisher && msg.sender != guardian) revert NotPublisherOrGuardian(msg.sender);
        Epoch storage e = live(epoch);
        if (block.timestamp >= e.claimableAt) revert NoLongerPending(epoch, e.claimableAt);
        e.cancelled = true;
        if (epoch == lastEpoch) lastEpoch = epoch - 1;
        emit RootCancelled(epoch, msg.sender);
        token.safeTransfer(treasury, e.total);
    }

    /// @notice Pays `account` its reward of epoch `epoch`; anyone may submit it.
    function claim(uint256 epoch, address account, uint256 amount, bytes32[] calldata proof) external {
        Epoch storage e = live(epoch);
        if (block.timestamp < e.claimableAt) revert StillPending(epoch, e.claimableAt);
        if (block.timestamp > e.deadline) revert ClaimPeriodOver(epoch, e.deadline);
        if (claimedBy[epoch][account]) revert AlreadyClaimed(epoch, account);
        if (!MerkleProof.verifyCalldata(proof, e.root, leaf(epoch, account, amount))) {
            revert InvalidProof(epoch, account, amount);
        }
        // Only a faulty root can pay more than its total; this keeps it from paying other epochs' tokens.
        uint256 claimed = e.claimed + amount;
        if (claimed > e.total) revert ExceedsEpochTotal(epoch, claimed, e.total);
        e.claimed = claimed;
        claimedBy[epoch][account] = true;
        emit Claimed(epoch, account, amount);
        token.safeTransfer(account, amount);
    }

    /// @notice After the claim period, sends what nobody claimed back to the treasury (once).
    function clawback(uint256 epoch) external {
        Epoch storage e = live(epoch);
        if (block.timestamp <= e.deadline) revert ClaimPeriodNotOver(epoch, e.deadline);
        if (e.clawedBack) revert AlreadyClawedBack(epoch);
        e.clawedBack = true;
        uint256 remainder = e.total - e.claimed;
        emit ClawedBack(epoch, remainder);
        token.safeTransfer(treasury, remainder);
    }

    function isClaimed(uint256 epoch, address account) external view returns (bool) {
        return claimedBy[epoch][account];
    }

    /// @dev The leaf RewardTree hashes: hashed twice, so no 64-byte inner node can pass for a leaf.
    function leaf(uint256 epoch, address account, uint256 amount) private pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(epoch, account, amount))));
    }

    function live(uint256 epoch) private view returns (Epoch storage e) {
        e = epochs[epoch];
        if (e.root == bytes32(0)) revert UnknownEpoch(epoch);
        if (e.cancelled) revert EpochCancelled(epoch);
    }
}
