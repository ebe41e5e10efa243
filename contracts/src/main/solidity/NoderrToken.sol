// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @title The dev chain's stake token (NODR): a plain ERC-20 that only its owner mints.
/// @notice A test token for local chains; a production network stakes an existing token instead.
contract NoderrToken is ERC20, Ownable {
    constructor(address initialOwner) ERC20("Noderr Test Token", "NODR") Ownable(initialOwner) {}

    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }
}
