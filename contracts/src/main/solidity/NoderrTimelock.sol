// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/// @title The governance timelock: OpenZeppelin's TimelockController, with the guardian built in.
/// @notice The guardian (the multisig) gets CANCELLER_ROLE and nothing else: it may cancel a queued
/// operation during its delay, never schedule or execute one. The governor is added as proposer,
/// canceller and only executor by the deployer, who then renounces the admin role, leaving the
/// timelock administered by itself alone (role changes only through executed proposals).
contract NoderrTimelock is TimelockController {
    constructor(uint256 minDelay, address guardian, address temporaryAdmin)
        TimelockController(minDelay, new address[](0), new address[](0), temporaryAdmin)
    {
        _grantRole(CANCELLER_ROLE, guardian);
    }
}
