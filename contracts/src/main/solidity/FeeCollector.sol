// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @title Collects protocol fees in the token and splits them among recipients by basis points.
/// @notice Fees come in through `payFee` (with a reference for the payer's books) or as plain
/// token transfers; both count. Anyone may `sweep` the balance out by the split. The split changes
/// only through the owner, the governance timelock.
contract FeeCollector is Ownable {
    using SafeERC20 for IERC20;

    uint256 private constant TOTAL_BP = 10_000;
    uint256 private constant MAX_RECIPIENTS = 8;

    IERC20 public immutable token;
    address[] private recipients;
    uint16[] private sharesBp;

    event FeeReceived(address indexed payer, uint256 amount, bytes32 paymentReference);
    event SplitChanged(address[] recipients, uint16[] sharesBp);
    event FeesSwept(uint256 total, address[] recipients, uint256[] amounts);

    error ZeroToken();
    error ZeroFee();
    error NothingToSweep();
    error BadRecipientCount(uint256 count);
    error LengthMismatch(uint256 recipients, uint256 shares);
    error ZeroRecipient(uint256 index);
    error DuplicateRecipient(address recipient);
    error SharesNotWhole(uint256 sumBp);

    constructor(address token_, address owner_, address[] memory recipients_, uint16[] memory sharesBp_)
        Ownable(owner_)
    {
        if (token_ == address(0)) revert ZeroToken();
        token = IERC20(token_);
        applySplit(recipients_, sharesBp_);
    }

    /// @notice Pays `amount` of fees from the caller (who must have approved it).
    function payFee(uint256 amount, bytes32 paymentReference) external {
        if (amount == 0) revert ZeroFee();
        emit FeeReceived(msg.sender, amount, paymentReference);
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice 1 to 8 distinct, non-zero recipients whose shares sum to 10,000 basis points.
    function setSplit(address[] calldata newRecipients, uint16[] calldata newSharesBp) external onlyOwner {
        applySplit(newRecipients, newSharesBp);
    }

    /// @notice Splits the whole balance: each recipient its share, rounded down; the rounding
    /// remainder goes to the first recipient (by convention the reward pool).
    function sweep() external {
        uint256 balance = token.balanceOf(address(this));
        if (balance == 0) revert NothingToSweep();
        uint256[] memory amounts = new uint256[](recipients.length);
        uint256 paid = 0;
        for (uint256 i = 0; i < recipients.length; i++) {
            amounts[i] = balance * sharesBp[i] / TOTAL_BP;
            paid += amounts[i];
        }
        amounts[0] += balance - paid;
        emit FeesSwept(balance, recipients, amounts);
        for (uint256 i = 0; i < recipients.length; i++) {
            token.safeTransfer(recipients[i], amounts[i]);
        }
    }

    function split() external view returns (address[] memory, uint16[] memory) {
        return (recipients, sharesBp);
    }

    /// @dev Validates and stores a split; the constructor and setSplit share it.
    function applySplit(address[] memory newRecipients, uint16[] memory newSharesBp) private {
        uint256 count = newRecipients.length;
        if (count == 0 || count > MAX_RECIPIENTS) revert BadRecipientCount(count);
        if (newSharesBp.length != count) revert LengthMismatch(count, newSharesBp.length);
        uint256 sum = 0;
        for (uint256 i = 0; i < count; i++) {
            if (newRecipients[i] == address(0)) revert ZeroRecipient(i);
            for (uint256 j = 0; j < i; j++) {
                if (newRecipients[j] == newRecipients[i]) revert DuplicateRecipient(newRecipients[i]);
            }
            sum += newSharesBp[i];
        }
        if (sum != TOTAL_BP) revert SharesNotWhole(sum);
        recipients = newRecipients;
        sharesBp = newSharesBp;
        emit SplitChanged(newRecipients, newSharesBp);
    }
}
