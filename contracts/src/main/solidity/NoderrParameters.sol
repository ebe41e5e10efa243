// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @title The network's governed parameters: named unsigned integers, each within a range.
/// @notice Owned by the governance timelock: a value changes only through an executed proposal
/// (`setParameter`, the low-risk tier), and a range or a new name only through a contract-tier
/// proposal (`defineParameter`). A value outside its range is refused, so no vote can set a
/// parameter the platform cannot apply.
contract NoderrParameters is Ownable {
    struct Parameter {
        uint256 value;
        uint256 min;
        uint256 max;
        bool defined;
    }

    mapping(bytes32 => Parameter) private parameters;
    string[] private names;

    event ParameterDefined(string name, uint256 min, uint256 max, uint256 value);
    event ParameterChanged(string name, uint256 oldValue, uint256 newValue);

    error UnknownParameter(string name);
    error OutOfRange(string name, uint256 value, uint256 min, uint256 max);
    error BadRange(string name, uint256 min, uint256 max);
    error DefinitionsMismatch();

    /// @param initialNames, mins, maxes, values: the parameters to define at deployment, index by index.
    constructor(
        address timelock,
        string[] memory initialNames,
        uint256[] memory mins,
        uint256[] memory maxes,
        uint256[] memory values
    ) Ownable(timelock) {
        uint256 count = initialNames.length;
        if (mins.length != count || maxes.length != count || values.length != count) revert DefinitionsMismatch();
        for (uint256 i = 0; i < count; i++) {
            store(initialNames[i], mins[i], maxes[i], values[i]);
        }
    }

    /// @notice Changes a defined parameter's value; reverts with OutOfRange outside [min, max].
    function setParameter(string calldata name, uint256 newValue) external onlyOwner {
        Parameter storage parameter = parameters[keyOf(name)];
        if (!parameter.defined) revert UnknownParameter(name);
        checkRange(name, newValue, parameter.min, parameter.max);
        uint256 oldValue = parameter.value;
        parameter.value = newValue;
        emit ParameterChanged(name, oldValue, newValue);
    }

    /// @notice Defines a new parameter or changes an existing one's range (and value).
    function defineParameter(string calldata name, uint256 min, uint256 max, uint256 value) external onlyOwner {
        store(name, min, max, value);
    }

    function valueOf(string calldata name) external view returns (uint256) {
        Parameter storage parameter = parameters[keyOf(name)];
        if (!parameter.defined) revert UnknownParameter(name);
        return parameter.value;
    }

    function rangeOf(string calldata name) external view returns (uint256 min, uint256 max) {
        Parameter storage parameter = parameters[keyOf(name)];
        if (!parameter.defined) revert UnknownParameter(name);
        return (parameter.min, parameter.max);
    }

    function parameterNames() external view returns (string[] memory) {
        return names;
    }

    function keyOf(string memory name) private pure returns (bytes32) {
        return keccak256(bytes(name));
    }

    function store(string memory name, uint256 min, uint256 max, uint256 value) private {
        if (bytes(name).length == 0 || min > max) revert BadRange(name, min, max);
        checkRange(name, value, min, max);
        Parameter storage parameter = parameters[keyOf(name)];
        if (!parameter.defined) names.push(name);
        parameter.value = value;
        parameter.min = min;
        parameter.max = max;
        parameter.defined = true;
        emit ParameterDefined(name, min, max, value);
    }

    function checkRange(string memory name, uint256 value, uint256 min, uint256 max) private pure {
        if (value < min || value > max) revert OutOfRange(name, value, min, max);
    }
}
