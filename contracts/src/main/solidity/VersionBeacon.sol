// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title The Noderr VersionBeacon: the approved node software version of each tier.
/// @notice Tiers: ALL = 0, ORACLE = 1, GUARDIAN = 2. Only the owner (the NoderrMultisig) may publish
/// or pause; nodes and the platform read `current(tier)` and follow the events.
contract VersionBeacon {
    uint8 public constant TIER_COUNT = 3;

    struct Release {
        string version;
        bytes32 imageDigest;
        string minimumVersion;
        string notesUri;
        uint64 publishedAt;
    }

    address public owner;
    mapping(uint8 => Release) private releases;
    mapping(uint8 => bool) public paused;

    event VersionPublished(
        uint8 indexed tier, string version, bytes32 imageDigest, string minimumVersion, string notesUri
    );
    event TierPaused(uint8 indexed tier);
    event TierUnpaused(uint8 indexed tier);
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);

    error NotOwner(address caller);
    error UnknownTier(uint8 tier);
    error TierIsPaused(uint8 tier);
    error EmptyVersion();
    error ZeroAddress();

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        _;
    }

    modifier knownTier(uint8 tier) {
        if (tier >= TIER_COUNT) revert UnknownTier(tier);
        _;
    }

    constructor(address initialOwner) {
        if (initialOwner == address(0)) revert ZeroAddress();
        owner = initialOwner;
        emit OwnershipTransferred(address(0), initialOwner);
    }

    /// @notice Publishes the tier's new current release. A paused tier takes no new release.
    function publish(
        uint8 tier,
        string calldata version,
        bytes32 imageDigest,
        string calldata minimumVersion,
        string calldata notesUri
    ) external onlyOwner knownTier(tier) {
        if (paused[tier]) revert TierIsPaused(tier);
        if (bytes(version).length == 0) revert EmptyVersion();
        releases[tier] = Release(version, imageDigest, minimumVersion, notesUri, uint64(block.timestamp));
        emit VersionPublished(tier, version, imageDigest, minimumVersion, notesUri);
    }

    function current(uint8 tier) external view knownTier(tier) returns (Release memory) {
        return releases[tier];
    }

    function pause(uint8 tier) external onlyOwner knownTier(tier) {
        paused[tier] = true;
        emit TierPaused(tier);
    }

    function unpause(uint8 tier) external onlyOwner knownTier(tier) {
        paused[tier] = false;
        emit TierUnpaused(tier);
    }

    function transferOwnership(address newOwner) external onlyOwner {
        if (newOwner == address(0)) revert ZeroAddress();
        emit OwnershipTransferred(owner, newOwner);
        owner = newOwner;
    }
}
