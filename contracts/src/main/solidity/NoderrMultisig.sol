// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import "./VersionBeacon.sol";

/// @title M-of-N owner of the VersionBeacon, verifying EIP-712 signatures on chain.
/// @notice Every action carries the multisig's next nonce (replay protection) and a deadline, and
/// at least `threshold` signatures by distinct signers, sorted by signer address (Safe's rule:
/// ascending order makes duplicates impossible to hide). The signer set and the threshold change
/// only through the multisig itself.
contract NoderrMultisig {
    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 public constant PUBLISH_TYPEHASH = keccak256(
        "Publish(uint8 tier,string version,bytes32 imageDigest,string minimumVersion,string notesUri,uint256 nonce,uint256 deadline)"
    );
    bytes32 public constant PAUSE_TYPEHASH = keccak256("Pause(uint8 tier,bool paused,uint256 nonce,uint256 deadline)");
    bytes32 public constant SIGNERS_TYPEHASH =
        keccak256("ChangeSigners(address[] signers,uint256 threshold,uint256 nonce,uint256 deadline)");

    /// secp256k1n / 2: signatures with a higher s are malleable twins and are refused.
    uint256 private constant HALF_ORDER = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0;

    /// The beacon this multisig owns; created by the constructor, so no one can front-run the binding.
    VersionBeacon public immutable beacon;
    address[] private signerList;
    mapping(address => bool) public isSigner;
    uint256 public threshold;
    uint256 public nonce;

    event SignersChanged(address[] signers, uint256 threshold);
    event Executed(bytes32 indexed digest, uint256 nonce);

    error Expired(uint256 deadline);
    error BadThreshold(uint256 threshold, uint256 signers);
    error BadSigner(address signer);
    error NotEnoughSignatures(uint256 valid, uint256 threshold);
    error SignaturesNotSorted(address previous, address next);
    error NotASigner(address recovered);
    error MalformedSignature(uint256 index);

    constructor(address[] memory initialSigners, uint256 initialThreshold) {
        setSigners(initialSigners, initialThreshold);
        beacon = new VersionBeacon(address(this));
    }

    function signers() external view returns (address[] memory) {
        return signerList;
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
        if (pause) {
            beacon.pause(tier);
        } else {
            beacon.unpause(tier);
        }
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
}
