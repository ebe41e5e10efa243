<#
.SYNOPSIS
  Turns this Windows machine into a Noderr node.

.DESCRIPTION
  Checks the machine first and changes nothing until every check has passed: Windows, 64-bit,
  Administrator, Task Scheduler, Java 21+, a ready TPM (Get-Tpm) unless -Tpm none or tcp://,
  and Docker. Then it installs the node agent to $env:ProgramFiles\Noderr\Agent, keeps the
  node's state in $env:ProgramData\Noderr\Agent (ACL: SYSTEM and Administrators only),
  registers the node with the platform using the one-time install token, and runs the agent at
  startup as SYSTEM through the scheduled task \Noderr\Noderr Agent (why a task and not a
  service: see "Service host" below). If registration is refused, this run's changes are undone.

  The agent runs the node software as containers on the Docker Engine (--runtime docker), so the
  node takes the releases the platform rolls out, and it keeps to the tier the install token was
  issued for: the tier pinned in identity.json at registration goes into the agent's settings and
  its --tier, which the agent checks on every start.

  Safe to re-run: an already registered node (identity.json in the state directory) keeps its
  identity and tier; only the agent, its runner, its settings and the task are refreshed.

  Service host. New-Service cannot point at java.exe: the service control manager needs a
  program that answers its start/stop protocol, which the JVM does not. The two usual answers:
  - WinSW, a service wrapper exe (what Jenkins ships). It would be a third-party binary that
    this script must download and trust; we cannot pin its checksum from here, and the
    platform does not serve it.
  - A scheduled task at startup running as SYSTEM, built into every Windows since 8/2012.
  This script uses the task. Task Scheduler's own "restart on failure" covers only a failed
  launch, not an agent that exits with an error later, so the task runs a small runner script
  (run-agent.ps1, written next to the jar) that restarts the agent 10 s after a non-zero exit,
  like systemd's Restart=on-failure, and sends its output to logs\agent.log. Stopping the
  task ends the runner but not always the JVM it started, so stop and uninstall also end the
  java.exe whose command line holds this install's jar.

  Run it with -File so that its exit code reaches the caller:
    $env:NODERR_INSTALL_TOKEN = 'nit_...'
    powershell -NoProfile -ExecutionPolicy Bypass -File .\install.ps1 -Platform https://noderr.example.org

  Exit codes (the same numbers as install.sh where the check is the same):
     0 done                           8 Docker not available
     1 failed while installing        9 Task Scheduler cmdlets not found
     2 bad usage or no token         10 not running as Administrator
     3 not Windows                   11 agent jar missing or download failed
     4 not 64-bit                    12 registration refused or failed
     5 Java not found                13 could not register or start the scheduled task
     6 Java older than 21
     7 TPM missing or not ready
  An unknown parameter is refused by PowerShell itself, before this script runs (exit 1).

.PARAMETER Platform
  Platform base URL, e.g. https://noderr.example.org (required unless -Uninstall).
.PARAMETER InstallToken
  Install token from the console. Prefer the environment variable NODERR_INSTALL_TOKEN: a
  command line can be read by other users. When neither is given and the session is
  interactive, the script asks for it. Not needed when the node is already registered.
.PARAMETER Tpm
  tbs (the default: the machine's TPM through TPM Base Services), tcp://HOST:PORT (a TPM
  simulator), or none (a software key: the node is UNATTESTED and admitted only if the
  platform's policy allows it).
.PARAMETER AgentJar
  Agent jar to install (default: download PLATFORM/downloads/noderr-agent.jar).
.PARAMETER Temporal
  Temporal frontend HOST:PORT for the agent (default: the platform says).
.PARAMETER Tier
  ALL, ORACLE or GUARDIAN: the tier the install token was issued for (default: the token's).
  Registration is refused for another tier; on a re-run it must be the tier the node is pinned to.
.PARAMETER HealthUrl
  Where the node software answers health checks, with a port (default:
  http://127.0.0.1:8081/health). A new release gets the next port while the old one still serves,
  and is kept only once healthy.
.PARAMETER DockerHost
  Docker Engine named pipe (default: DOCKER_HOST if it is npipe://, else
  npipe:////./pipe/docker_engine). The agent runs as SYSTEM, which may open it.
.PARAMETER BeaconRpc
  JSON-RPC endpoint of a chain node you trust; with -BeaconAddress the agent checks every release
  against the beacon contract itself. ORACLE and GUARDIAN nodes need both (the agent refuses to
  start without them).
.PARAMETER BeaconAddress
  VersionBeacon contract address, 0x and 40 hex digits (goes with -BeaconRpc).
.PARAMETER NoDockerCheck
  Install although Docker is not available. The node runs its software as containers, so it
  fails every release until Docker works.
.PARAMETER CheckOnly
  Run the checks, change nothing.
.PARAMETER Uninstall
  Stop and remove the task, the agent and the runner; keeps the node's identity in
  $env:ProgramData\Noderr\Agent.
.PARAMETER Purge
  With -Uninstall: also delete $env:ProgramData\Noderr\Agent. The node then needs a new token.
#>
[CmdletBinding()]
param(
    [string] $Platform,
    [string] $InstallToken,
    [string] $Tpm,
    [string] $AgentJar,
    [string] $Temporal,
    [string] $BeaconRpc,
    [string] $BeaconAddress,
    [string] $Tier,
    [string] $HealthUrl = 'http://127.0.0.1:8081/health',
    [string] $DockerHost,
    [switch] $NoDockerCheck,
    [switch] $CheckOnly,
    [switch] $Uninstall,
    [switch] $Purge
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
# Windows PowerShell 5.1 draws a progress bar per downloaded chunk, which makes
# Invoke-WebRequest many times slower.
$ProgressPreference = 'SilentlyContinue'

# What this run changed, so that a failure puts the machine back as it was.
$script:Changing = $false      # true once the first change is made
$script:Finished = $false      # true once the install is complete; no undo after that
$script:Registering = $false   # true once the agent was started to register
$script:Registered = $false    # true once registration succeeded: the identity is kept
$script:Created = New-Object System.Collections.Generic.List[string]   # files and dirs, in order
$script:Backups = New-Object System.Collections.Generic.List[object]   # @(dest, backup)
$script:StateBefore = @()      # names in an existing state dir before registration
$script:OldTaskXml = $null     # the task as it was before this run, if there was one
$script:OldTaskRunning = $false
$script:TaskRegistered = $false
$script:Token = $null
$script:Work = $null

function Write-Step([string] $What, [string] $Result) {
    Write-Host "==> $What... $Result"
}

# One clear line on stderr and a distinct exit code; undoes this run's changes first.
function Fail([int] $Code, [string] $Message) {
    [Console]::Error.WriteLine("error: $Message")
    if ($script:Changing -and -not $script:Finished) {
        try { Undo-Changes } catch { Write-Host "    undo incomplete: $($_.Exception.Message)" }
    }
    Remove-Work
    exit $Code
}

function Remove-Work {
    if ($script:Work -and (Test-Path -LiteralPath $script:Work)) {
        Remove-Item -LiteralPath $script:Work -Recurse -Force -ErrorAction SilentlyContinue
    }
}

# Quotes arguments for a Windows command line the way the C runtime (and so java.exe) parses it.
# Windows PowerShell 5.1 runs on .NET Framework, which has no ProcessStartInfo.ArgumentList.
function ConvertTo-ArgumentString([string[]] $Arguments) {
    $quoted = foreach ($a in $Arguments) {
        if ($a -ne '' -and $a -notmatch '[\s"]') { $a }
        else { '"' + (($a -replace '(\\*)"', '$1$1\"') -replace '(\\+)$', '$1$1') + '"' }
    }
    return ($quoted -join ' ')
}

# Runs a program and returns its exit code and output. Used instead of & for every native
# command: with $ErrorActionPreference = 'Stop', Windows PowerShell 5.1 turns a native
# program's stderr into a terminating error. $Environment adds variables for this child only.
function Invoke-Native([string] $FilePath, [string[]] $Arguments, [hashtable] $Environment = @{},
    [int] $TimeoutSeconds = 600, [string] $WorkingDirectory = $env:SystemRoot) {
    $psi = New-Object System.Diagnostics.ProcessStartInfo
    $psi.FileName = $FilePath
    $psi.Arguments = ConvertTo-ArgumentString $Arguments
    $psi.UseShellExecute = $false
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.CreateNoWindow = $true
    $psi.WorkingDirectory = $WorkingDirectory
    foreach ($key in $Environment.Keys) { $psi.EnvironmentVariables[$key] = $Environment[$key] }
    $process = [System.Diagnostics.Process]::Start($psi)
    # Both streams are read at once; reading one to the end first can deadlock on the other.
    $stdout = $process.StandardOutput.ReadToEndAsync()
    $stderr = $process.StandardError.ReadToEndAsync()
    if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
        try { $process.Kill() } catch { }
        return [pscustomobject]@{ ExitCode = -1; StdOut = ''; StdErr = "timed out after $TimeoutSeconds s" }
    }
    $process.WaitForExit()
    return [pscustomobject]@{ ExitCode = $process.ExitCode; StdOut = $stdout.Result; StdErr = $stderr.Result }
}

# ---------------------------------------------------------------------------------------------
# Options.

$HostPattern = '([A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\])'
# ORACLE and GUARDIAN nodes check releases against the beacon contract on chain; the agent
# refuses to start without it, so the installer refuses first.
function Assert-BeaconFor([string] $NodeTier) {
    if ($NodeTier -and $NodeTier -ne 'ALL' -and -not $BeaconRpc) {
        Fail 2 "tier $NodeTier checks releases on chain: give -BeaconRpc URL and -BeaconAddress 0x... (a chain node you trust and the VersionBeacon contract)"
    }
}
if ($Purge -and -not $Uninstall) { Fail 2 '-Purge goes with -Uninstall' }
if (-not $Uninstall) {
    if (-not $Platform) { Fail 2 '-Platform URL is required (see Get-Help .\install.ps1)' }
    $Platform = $Platform.TrimEnd('/')
    if ($Platform -notmatch "^https?://$HostPattern(:[0-9]{1,5})?(/[A-Za-z0-9._~%/+-]*)?$") {
        Fail 2 "-Platform must be an http(s) URL such as https://noderr.example.org, got '$Platform'"
    }
    if ($Temporal -and $Temporal -notmatch "^$($HostPattern):[0-9]{1,5}$") {
        Fail 2 "-Temporal must be HOST:PORT, got '$Temporal'"
    }
    if ($BeaconRpc -or $BeaconAddress) {
        if (-not ($BeaconRpc -and $BeaconAddress)) {
            Fail 2 '-BeaconRpc and -BeaconAddress go together: give both to check releases on chain'
        }
        if ($BeaconRpc -notmatch "^https?://$HostPattern(:[0-9]{1,5})?(/[A-Za-z0-9._~%/+-]*)?$") {
            Fail 2 "-BeaconRpc must be an http(s) URL such as https://rpc.example.org, got '$BeaconRpc'"
        }
        if ($BeaconAddress -notmatch '^0x[0-9A-Fa-f]{40}$') {
            Fail 2 "-BeaconAddress must be 0x and 40 hex digits, got '$BeaconAddress'"
        }
    }
    if ($Tier -and @('ALL', 'ORACLE', 'GUARDIAN') -notcontains $Tier) {
        Fail 2 "-Tier must be ALL, ORACLE or GUARDIAN, got '$Tier'"
    }
    Assert-BeaconFor $Tier
    if ($HealthUrl -notmatch "^https?://$($HostPattern):([0-9]{1,5})(/[A-Za-z0-9._~%/+-]*)?$" -or
        [int] $Matches[2] -lt 1 -or [int] $Matches[2] -ge 65535) {
        Fail 2 "-HealthUrl must be an http(s) URL with a port below 65535 (the next one is for hand-overs), such as http://127.0.0.1:8081/health, got '$HealthUrl'"
    }
    if (-not $DockerHost) {
        $DockerHost = 'npipe:////./pipe/docker_engine'
        if ($env:DOCKER_HOST -and $env:DOCKER_HOST.StartsWith('npipe://')) { $DockerHost = $env:DOCKER_HOST }
    }
    if ($DockerHost -notmatch '^npipe:////\./pipe/[A-Za-z0-9._-]+$') {
        Fail 2 "-DockerHost must be npipe:////./pipe/NAME, the Docker Engine's pipe on this machine (e.g. npipe:////./pipe/docker_engine), got '$DockerHost'"
    }
    if (-not $Tpm) { $Tpm = 'tbs' }
    if ($Tpm -ne 'tbs' -and $Tpm -ne 'none' -and $Tpm -notmatch "^tcp://$($HostPattern):[0-9]{1,5}$") {
        Fail 2 "-Tpm must be tbs, tcp://HOST:PORT or none, got '$Tpm'"
    }
}
# The token goes no further than this script and the agent's registration: children such as
# docker.exe must not inherit it, so it leaves this process's environment right away.
$script:Token = $InstallToken
if (-not $script:Token) { $script:Token = $env:NODERR_INSTALL_TOKEN }
Remove-Item -Path Env:\NODERR_INSTALL_TOKEN -ErrorAction SilentlyContinue

# ---------------------------------------------------------------------------------------------
# Checks. Each prints one progress line or fails with one line; none changes anything.
# The OS comes first, before anything below touches Windows-only paths or APIs.
function Test-Windows {
    if ([System.Environment]::OSVersion.Platform -ne [System.PlatformID]::Win32NT) {
        Fail 3 "this installer is for Windows, this machine runs $([System.Environment]::OSVersion.Platform) (use install.sh on Linux)"
    }
    Write-Step 'Checking OS' "ok ($([System.Environment]::OSVersion.VersionString))"
}

Test-Windows

$MinJava = 21
$TaskName = 'Noderr Agent'
$TaskPath = '\Noderr\'
$InstallDir = Join-Path $env:ProgramFiles 'Noderr\Agent'
$JarPath = Join-Path $InstallDir 'noderr-agent.jar'
$RunnerPath = Join-Path $InstallDir 'run-agent.ps1'
$StateDir = Join-Path $env:ProgramData 'Noderr\Agent'
$EnvFile = Join-Path $StateDir 'agent.env'
$LogDir = Join-Path $StateDir 'logs'
$IdentityFile = Join-Path $StateDir 'identity.json'
$SystemSid = New-Object System.Security.Principal.SecurityIdentifier 'S-1-5-18'
$AdminsSid = New-Object System.Security.Principal.SecurityIdentifier 'S-1-5-32-544'

function Test-Architecture {
    if (-not [System.Environment]::Is64BitOperatingSystem) {
        Fail 4 'unsupported architecture: Noderr nodes need 64-bit Windows (x64 or ARM64)'
    }
    # 32-bit PowerShell on 64-bit Windows would see "Program Files (x86)" as ProgramFiles.
    if (-not [System.Environment]::Is64BitProcess) {
        Fail 4 'this is a 32-bit PowerShell; run the 64-bit one (C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe)'
    }
    Write-Step 'Checking architecture' "ok ($env:PROCESSOR_ARCHITECTURE)"
}

function Test-Administrator {
    $principal = New-Object System.Security.Principal.WindowsPrincipal([System.Security.Principal.WindowsIdentity]::GetCurrent())
    if (-not $principal.IsInRole([System.Security.Principal.WindowsBuiltInRole]::Administrator)) {
        Fail 10 'run this installer as Administrator (an elevated PowerShell)'
    }
    Write-Step 'Checking privileges' 'ok (Administrator)'
}

function Test-TaskScheduler {
    if (-not (Get-Command Register-ScheduledTask -ErrorAction SilentlyContinue)) {
        Fail 9 'the ScheduledTasks module (Register-ScheduledTask) is not available: Windows 10 / Server 2016 or newer is needed'
    }
    Write-Step 'Checking Task Scheduler' 'ok'
}

# MAJOR and VERSION of a java.exe, from the first `version "..."` in `java -version`.
function Get-JavaVersion([string] $Java) {
    try { $result = Invoke-Native $Java @('-version') -TimeoutSeconds 60 } catch { return $null }
    $match = [regex]::Match($result.StdErr + "`n" + $result.StdOut, 'version "([^"]+)"')
    if (-not $match.Success) { return $null }
    $version = $match.Groups[1].Value
    $rest = $version
    if ($version.StartsWith('1.')) { $rest = $version.Substring(2) }
    $digits = [regex]::Match($rest, '^[0-9]+')
    if (-not $digits.Success) { return $null }
    return [pscustomobject]@{ Major = [int]$digits.Value; Version = $version; Path = $Java }
}

# The first Java 21+ in the order JAVA_HOME, java.exe on PATH, the usual JDK vendors' folders.
function Find-Java {
    $candidates = New-Object System.Collections.Generic.List[string]
    if ($env:JAVA_HOME) { $candidates.Add((Join-Path $env:JAVA_HOME 'bin\java.exe')) }
    foreach ($command in @(Get-Command java.exe -CommandType Application -ErrorAction SilentlyContinue)) {
        $candidates.Add($command.Path)
    }
    foreach ($vendor in 'Java', 'Eclipse Adoptium', 'Microsoft', 'Zulu', 'Amazon Corretto', 'BellSoft', 'Semeru') {
        $folder = Join-Path $env:ProgramFiles $vendor
        if (-not (Test-Path -LiteralPath $folder)) { continue }
        foreach ($jdk in @(Get-ChildItem -LiteralPath $folder -Directory | Sort-Object Name -Descending)) {
            $java = Join-Path $jdk.FullName 'bin\java.exe'
            if (Test-Path -LiteralPath $java) { $candidates.Add($java) }
        }
    }
    $tooOld = $null
    foreach ($candidate in $candidates) {
        if (-not (Test-Path -LiteralPath $candidate -PathType Leaf)) { continue }
        $found = Get-JavaVersion $candidate
        if ($null -eq $found) { continue }
        if ($found.Major -ge $MinJava) {
            Write-Step 'Checking Java' "ok ($($found.Version), $($found.Path))"
            return $found
        }
        if ($null -eq $tooOld) { $tooOld = $found }
    }
    if ($null -ne $tooOld) {
        Fail 6 "Java $MinJava or newer is required, found only Java $($tooOld.Version) at $($tooOld.Path): install a JDK $MinJava+ (e.g. winget install EclipseAdoptium.Temurin.21.JRE) or set JAVA_HOME to one"
    }
    Fail 5 "Java $MinJava or newer not found (looked at JAVA_HOME, java.exe on PATH, $env:ProgramFiles\<vendor>\*): install a JDK $MinJava+, e.g. winget install EclipseAdoptium.Temurin.21.JRE"
}

function Test-Tpm {
    if ($Tpm -eq 'none') {
        Write-Step 'Checking TPM' "none: software key, the node will be UNATTESTED (the platform admits it only if its policy allows that)"
        return
    }
    if ($Tpm -like 'tcp://*') {
        Write-Step 'Checking TPM' "simulator at $($Tpm.Substring(6)) (not checked until registration)"
        return
    }
    if (-not (Get-Command Get-Tpm -ErrorAction SilentlyContinue)) {
        Fail 7 'Get-Tpm is not available (TrustedPlatformModule module): pass -Tpm none or -Tpm tcp://HOST:PORT'
    }
    try { $state = Get-Tpm } catch {
        Fail 7 "Get-Tpm failed ($($_.Exception.Message.Trim())): enable the TPM in the firmware, or pass -Tpm none or -Tpm tcp://HOST:PORT"
    }
    if (-not $state.TpmPresent) {
        Fail 7 'no TPM found (Get-Tpm: TpmPresent is False): enable the TPM in the firmware, or pass -Tpm none (UNATTESTED) or -Tpm tcp://HOST:PORT'
    }
    if (-not $state.TpmReady) {
        Fail 7 'the TPM is present but not ready (Get-Tpm: TpmReady is False): prepare it with Initialize-Tpm or tpm.msc, then re-run'
    }
    Write-Step 'Checking TPM' 'ok (present and ready, through TBS)'
}

# Docker is a hard requirement: the agent runs the node software as containers on the Docker
# Engine (--runtime docker), so a node without one registers fine and then fails every release
# rolled out to it. The agent runs as SYSTEM, which may open the engine's pipe; the pipe must
# exist, and where docker.exe is installed the engine must answer on it. -NoDockerCheck is for
# machines where Docker comes later.
function Test-Docker {
    if ($NoDockerCheck) { Write-Step 'Checking Docker' 'skipped (-NoDockerCheck)'; return }
    $pipeName = $DockerHost.Substring('npipe:////./pipe/'.Length)
    $pipePath = '\\.\pipe\' + $pipeName
    # Test-Path on a named pipe works in Windows PowerShell 5.1 but not in every PowerShell 7;
    # listing \\.\pipe\ works in both, unless a pipe with an odd name makes it throw.
    $pipe = $false
    try { $pipe = Test-Path -LiteralPath $pipePath } catch { }
    if (-not $pipe) {
        try { $pipe = @([System.IO.Directory]::GetFiles('\\.\pipe\')) -contains $pipePath } catch { }
    }
    if (-not $pipe) {
        Fail 8 "Docker is not available: no pipe $pipePath. The node runs its software as containers; install and start Docker, pass -DockerHost npipe:////./pipe/NAME, or -NoDockerCheck"
    }
    $docker = Get-Command docker.exe -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($docker) {
        $answered = $false
        try { $answered = (Invoke-Native $docker.Path @('-H', $DockerHost, 'info') -TimeoutSeconds 30).ExitCode -eq 0 } catch { }
        if (-not $answered) {
            Fail 8 "the Docker Engine at $pipePath does not answer (docker -H $DockerHost info failed): start Docker, or pass -NoDockerCheck"
        }
    }
    Write-Step 'Checking Docker' "ok ($pipePath)"
}

# ---------------------------------------------------------------------------------------------
# Changes, each recorded for Undo-Changes.

# Creates the missing folders of $Path, outermost first, recording each.
function New-DirectoryTracked([string] $Path) {
    $missing = New-Object System.Collections.Generic.List[string]
    $current = $Path
    while ($current -and -not (Test-Path -LiteralPath $current)) {
        $missing.Insert(0, $current)
        $current = Split-Path -Parent $current
    }
    foreach ($folder in $missing) {
        $null = New-Item -ItemType Directory -Path $folder
        $script:Created.Add($folder)
    }
}

# SYSTEM and Administrators only, not inherited from ProgramData (where every user may create
# folders), owned by Administrators so that a user who created the folder first keeps no rights.
function Set-PrivateAcl([string] $Path) {
    $acl = New-Object System.Security.AccessControl.DirectorySecurity
    $acl.SetOwner($AdminsSid)
    $acl.SetAccessRuleProtection($true, $false)
    foreach ($sid in $SystemSid, $AdminsSid) {
        $rule = New-Object System.Security.AccessControl.FileSystemAccessRule($sid, 'FullControl',
            'ContainerInherit, ObjectInherit', 'None', 'Allow')
        $acl.AddAccessRule($rule)
    }
    Set-Acl -LiteralPath $Path -AclObject $acl
}

# Puts $Source at $Destination through a temp file in the same folder and a rename; keeps what
# was there as a backup until the install is finished.
function Install-FileTracked([string] $Source, [string] $Destination) {
    $temp = "$Destination.new"
    Copy-Item -LiteralPath $Source -Destination $temp -Force
    if (Test-Path -LiteralPath $Destination) {
        $backup = "$Destination.old"
        Copy-Item -LiteralPath $Destination -Destination $backup -Force
        $script:Backups.Add(@($Destination, $backup))
    } else {
        $script:Created.Add($Destination)
    }
    Move-Item -LiteralPath $temp -Destination $Destination -Force
}

function Get-AgentTask {
    return Get-ScheduledTask -TaskName $TaskName -TaskPath $TaskPath -ErrorAction SilentlyContinue
}

function Test-AgentTaskRunning {
    $task = Get-AgentTask
    return ($null -ne $task -and $task.State -eq 'Running')
}

# Ends the task's runner, then the JVM it started (ending a task does not always end the
# processes its action started), and waits until the jar is no longer in use.
function Stop-Agent {
    if (Get-AgentTask) {
        Stop-ScheduledTask -TaskName $TaskName -TaskPath $TaskPath -ErrorAction SilentlyContinue
    }
    $agents = @(Get-CimInstance Win32_Process -Filter "Name = 'java.exe'" |
            Where-Object { $_.CommandLine -and $_.CommandLine.Contains($JarPath) })
    foreach ($agent in $agents) {
        Stop-Process -Id $agent.ProcessId -Force -ErrorAction SilentlyContinue
        Wait-Process -Id $agent.ProcessId -Timeout 30 -ErrorAction SilentlyContinue
    }
}

function Undo-Changes {
    Write-Host "==> Undoing this run's changes"
    if ($script:TaskRegistered) {
        Stop-Agent
        Unregister-ScheduledTask -TaskName $TaskName -TaskPath $TaskPath -Confirm:$false -ErrorAction SilentlyContinue
    }
    if ($null -ne $script:OldTaskXml -and $script:TaskRegistered) {
        $null = Register-ScheduledTask -Xml $script:OldTaskXml -TaskName $TaskName -TaskPath $TaskPath -Force
    }
    for ($i = $script:Backups.Count - 1; $i -ge 0; $i--) {
        $pair = $script:Backups[$i]
        Move-Item -LiteralPath $pair[1] -Destination $pair[0] -Force
    }
    $touched = @($script:Created) + @($script:Backups | ForEach-Object { $_[0] })
    foreach ($path in $touched) {
        foreach ($leftover in "$path.new", "$path.old") {
            if (Test-Path -LiteralPath $leftover) { Remove-Item -LiteralPath $leftover -Force }
        }
    }
    # An existing state dir loses only what the failed registration added to it.
    if ($script:Registering -and -not $script:Registered -and (Test-Path -LiteralPath $StateDir)) {
        foreach ($entry in @(Get-ChildItem -LiteralPath $StateDir -Force)) {
            if ($script:StateBefore -notcontains $entry.Name) { Remove-Item -LiteralPath $entry.FullName -Recurse -Force }
        }
    }
    for ($i = $script:Created.Count - 1; $i -ge 0; $i--) {
        $path = $script:Created[$i]
        if (-not (Test-Path -LiteralPath $path)) { continue }
        if ($path -eq $StateDir -or $StateDir.StartsWith($path + '\')) {
            if ($script:Registered) { continue }
        }
        if (Test-Path -LiteralPath $path -PathType Container) {
            if ($path -eq $StateDir) { Remove-Item -LiteralPath $path -Recurse -Force; continue }
            if (@(Get-ChildItem -LiteralPath $path -Force).Count -eq 0) { Remove-Item -LiteralPath $path -Force }
            else { Write-Host "    left $path (not empty)" }
        } else {
            Remove-Item -LiteralPath $path -Force
        }
    }
    if ($script:OldTaskRunning) {
        Start-ScheduledTask -TaskName $TaskName -TaskPath $TaskPath -ErrorAction SilentlyContinue
    }
    if ($script:Registered) {
        Write-Host "    kept $StateDir`: the node is registered and its token is spent;"
        Write-Host '    fix the cause and re-run install.ps1 (no token needed)'
    }
}

# JVM options as ./noderr uses them: gRPC (Temporal) wants native access, and from JDK 24 on its
# Netty would warn about sun.misc.Unsafe at every start unless allowed.
function Get-JavaOptions([int] $Major) {
    $options = @('--enable-native-access=ALL-UNNAMED')
    if ($Major -ge 24) { $options += '--sun-misc-unsafe-memory-access=allow' }
    return $options
}

function Get-AgentArguments([object] $Java, [switch] $RegisterOnly) {
    $arguments = @(Get-JavaOptions $Java.Major) + @('-jar', $JarPath, 'agent', '--platform', $Platform,
        '--tpm', $Tpm, '--state-dir', $StateDir)
    if ($RegisterOnly) {
        $arguments += '--register-only'
        if ($Tier) { $arguments += @('--tier', $Tier) }
        return $arguments
    }
    # $Tier is the pinned tier by now (Set-PinnedTier).
    $arguments += @('--tier', $Tier, '--runtime', 'docker', '--docker-host', $DockerHost, '--health-url', $HealthUrl)
    if ($Temporal) { $arguments += @('--temporal', $Temporal) }
    if ($BeaconRpc) { $arguments += @('--beacon-rpc', $BeaconRpc, '--beacon-address', $BeaconAddress) }
    return $arguments
}

function ConvertTo-PowerShellLiteral([string] $Text) { return "'" + $Text.Replace("'", "''") + "'" }

# The runner the task starts: restarts the agent after a non-zero exit, keeps 5 old logs.
function Get-RunnerText([object] $Java) {
    $arguments = ConvertTo-ArgumentString (Get-AgentArguments $Java)
    return @"
# run-agent.ps1: written by install.ps1 (re-run it instead of editing; it overwrites this file).
# The scheduled task \Noderr\Noderr Agent runs this at startup as SYSTEM. It starts the node
# agent and, like systemd's Restart=on-failure, starts it again 10 s after a non-zero exit; a
# zero exit (a clean stop) ends the task. Output: logs\agent.log and logs\agent.err.log in the
# state folder, the previous 5 runs kept as agent.N.log.
`$ErrorActionPreference = 'Stop'
`$java = $(ConvertTo-PowerShellLiteral $Java.Path)
`$arguments = $(ConvertTo-PowerShellLiteral $arguments)
`$jar = $(ConvertTo-PowerShellLiteral $JarPath)
`$logDir = $(ConvertTo-PowerShellLiteral $LogDir)
# Stopping the task ends this runner but not always its JVM: an agent left over from an earlier
# run would hold the logs open and run a second copy of this node, so it goes first.
Get-CimInstance Win32_Process -Filter "Name = 'java.exe'" |
    Where-Object { `$_.CommandLine -and `$_.CommandLine.Contains(`$jar) } |
    ForEach-Object { Stop-Process -Id `$_.ProcessId -Force -ErrorAction SilentlyContinue; Wait-Process -Id `$_.ProcessId -Timeout 30 -ErrorAction SilentlyContinue }
while (`$true) {
    try {
        foreach (`$name in 'agent', 'agent.err') {
            for (`$i = 4; `$i -ge 1; `$i--) {
                `$from = Join-Path `$logDir "`$name.`$i.log"
                if (Test-Path -LiteralPath `$from) { Move-Item -LiteralPath `$from -Destination (Join-Path `$logDir "`$name.`$(`$i + 1).log") -Force }
            }
            `$current = Join-Path `$logDir "`$name.log"
            if (Test-Path -LiteralPath `$current) { Move-Item -LiteralPath `$current -Destination (Join-Path `$logDir "`$name.1.log") -Force }
        }
    } catch { }   # a log that cannot be rotated is no reason not to run the agent
    `$agent = Start-Process -FilePath `$java -ArgumentList `$arguments -WorkingDirectory (Split-Path -Parent `$logDir) ``
        -NoNewWindow -PassThru -RedirectStandardOutput (Join-Path `$logDir 'agent.log') ``
        -RedirectStandardError (Join-Path `$logDir 'agent.err.log')
    `$null = `$agent.Handle   # without touching Handle, ExitCode stays empty (Start-Process quirk)
    `$agent.WaitForExit()
    if (`$agent.ExitCode -eq 0) { break }
    Start-Sleep -Seconds 10
}
"@
}

function Get-EnvText {
    $lines = @(
        '# Noderr node agent settings, written by install.ps1: re-run it to change them.',
        '# The install token is NOT here: it is used once, to register, and never stored.',
        "NODERR_PLATFORM=`"$Platform`"",
        "NODERR_TPM=`"$Tpm`"",
        '# The tier the node was admitted to, as pinned in identity.json at registration. The agent',
        '# installs only this tier''s releases and refuses to start if the two ever disagree.',
        "NODERR_TIER=`"$Tier`"",
        '# The node software: containers on this Docker Engine, kept only once healthy at this URL.',
        "NODERR_DOCKER_HOST=`"$DockerHost`"",
        "NODERR_HEALTH_URL=`"$HealthUrl`""
    )
    if ($Temporal) { $lines += "NODERR_TEMPORAL=`"$Temporal`"" }
    else { $lines += '# NODERR_TEMPORAL: not set, the agent asks the platform (install.ps1 -Temporal HOST:PORT sets it)' }
    if ($BeaconRpc) { $lines += @("NODERR_BEACON_RPC_URL=`"$BeaconRpc`"", "NODERR_BEACON_ADDRESS=`"$BeaconAddress`"") }
    else { $lines += '# NODERR_BEACON_RPC_URL/NODERR_BEACON_ADDRESS: not set, releases are checked against the beacon as the platform reports it (tier ALL only; install.ps1 -BeaconRpc URL -BeaconAddress 0x... sets them)' }
    return ($lines -join "`r`n") + "`r`n"
}

function Get-Token {
    if (-not $script:Token -and [Environment]::UserInteractive -and -not [Console]::IsInputRedirected) {
        $secure = Read-Host -Prompt 'Install token (input hidden)' -AsSecureString
        $bstr = [Runtime.InteropServices.Marshal]::SecureStringToBSTR($secure)
        try { $script:Token = [Runtime.InteropServices.Marshal]::PtrToStringBSTR($bstr) }
        finally { [Runtime.InteropServices.Marshal]::ZeroFreeBSTR($bstr) }
    }
    if (-not $script:Token) {
        Fail 2 'an install token is required: set $env:NODERR_INSTALL_TOKEN (or pass -InstallToken, or run interactively)'
    }
    if ($script:Token -notmatch '^\S+$') {
        Fail 2 'the install token contains spaces or control characters; copy it again from the console'
    }
    if ($InstallToken) { Write-Host 'note: -InstallToken is visible to other users in the process list; $env:NODERR_INSTALL_TOKEN is not' }
}

function Get-AgentJar {
    $destination = Join-Path $script:Work 'agent.jar'
    if ($AgentJar) {
        if (-not (Test-Path -LiteralPath $AgentJar -PathType Leaf)) { Fail 11 "-AgentJar $AgentJar is not a file" }
        Copy-Item -LiteralPath $AgentJar -Destination $destination
        Write-Step 'Agent jar' $AgentJar
    } else {
        $url = "$Platform/downloads/noderr-agent.jar"
        # Windows PowerShell 5.1 may still default to TLS 1.0/1.1.
        [Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12
        try { Invoke-WebRequest -Uri $url -OutFile $destination -UseBasicParsing -TimeoutSec 300 }
        catch { Fail 11 "could not download the agent from $url ($($_.Exception.Message.Trim())): check -Platform, or pass -AgentJar PATH" }
        Write-Step 'Downloading agent' "ok ($url)"
    }
    # A jar is a zip; an HTML error page saved as a jar is not.
    $stream = [System.IO.File]::OpenRead($destination)
    try { $magic = (New-Object byte[] 2); $read = $stream.Read($magic, 0, 2) } finally { $stream.Dispose() }
    if ($read -ne 2 -or $magic[0] -ne 0x50 -or $magic[1] -ne 0x4B) { Fail 11 'the agent jar is not a jar (no zip header)' }
}

# The agent's reason: its last "error: ..." line, else the first line that is not a JVM warning.
function Get-AgentErrorLine([string] $StdErr) {
    $line = $null
    $first = $null
    foreach ($candidate in ($StdErr -split "`r?`n")) {
        if (-not $candidate.Trim()) { continue }
        if ($candidate -match '^(?i)error:\s*(.*)$') { $line = $Matches[1] }
        if (-not $first -and $candidate -notmatch '^(WARNING:|Picked up )') { $first = $candidate.Trim() }
    }
    if (-not $line) { $line = $first }
    return $line
}

function Register-Node([object] $Java) {
    $script:StateBefore = @(Get-ChildItem -LiteralPath $StateDir -Force | ForEach-Object { $_.Name })
    $script:Registering = $true
    # The token travels in the child's environment only: a command line can be read by others.
    # It runs as this Administrator, not as SYSTEM: the state folder's inherited ACL gives
    # SYSTEM the same access to what the agent writes, and running as SYSTEM would need a
    # one-shot task whose definition (stored on disk) would have to carry the token.
    try {
        $result = Invoke-Native $Java.Path (Get-AgentArguments $Java -RegisterOnly) `
            -Environment @{ NODERR_INSTALL_TOKEN = $script:Token } -WorkingDirectory $StateDir
    } catch {
        Fail 12 "registration failed: could not start $($Java.Path): $($_.Exception.Message.Trim())"
    }
    if ($result.ExitCode -ne 0) {
        $line = Get-AgentErrorLine $result.StdErr
        if (-not $line) { $line = "the agent exited with code $($result.ExitCode) and said nothing" }
        # Should the agent ever quote the token back, it still doesn't reach the screen.
        Fail 12 ("registration failed: " + $line.Replace($script:Token, '<token>'))
    }
    if (-not (Test-Path -LiteralPath $IdentityFile)) {
        Fail 12 "registration failed: the agent exited 0 but wrote no identity.json in $StateDir"
    }
    $script:Registered = $true
    Write-Step "Registering node with $Platform" 'ok'
}

function Register-AgentTask {
    $powershell = Join-Path $env:SystemRoot 'System32\WindowsPowerShell\v1.0\powershell.exe'
    # -ExecutionPolicy Bypass for this one file only; it lives in Program Files, which only
    # Administrators can write.
    $action = New-ScheduledTaskAction -Execute $powershell -WorkingDirectory $StateDir `
        -Argument "-NoProfile -NonInteractive -ExecutionPolicy Bypass -File `"$RunnerPath`""
    $trigger = New-ScheduledTaskTrigger -AtStartup
    # The SID's name in this Windows' language ("NT AUTHORITY\SYSTEM" is English only).
    $system = $SystemSid.Translate([System.Security.Principal.NTAccount]).Value
    $principal = New-ScheduledTaskPrincipal -UserId $system -LogonType ServiceAccount -RunLevel Highest
    # No time limit (the default kills a task after 72 h); one instance; normal priority (a task
    # gets "below normal" by default); retry a failed launch every minute.
    $settings = New-ScheduledTaskSettingsSet -ExecutionTimeLimit ([TimeSpan]::Zero) -MultipleInstances IgnoreNew `
        -RestartCount 999 -RestartInterval (New-TimeSpan -Minutes 1) -Priority 4 `
        -AllowStartIfOnBatteries -DontStopIfGoingOnBatteries -StartWhenAvailable
    $script:TaskRegistered = $true
    try {
        $null = Register-ScheduledTask -TaskName $TaskName -TaskPath $TaskPath -Action $action -Trigger $trigger `
            -Principal $principal -Settings $settings -Force `
            -Description 'Noderr node agent (installed by install.ps1; runs run-agent.ps1, logs in ProgramData\Noderr\Agent\logs)'
        Start-ScheduledTask -TaskName $TaskName -TaskPath $TaskPath
    } catch {
        Fail 13 "could not register or start the scheduled task $TaskPath$TaskName`: $($_.Exception.Message.Trim())"
    }
    $deadline = (Get-Date).AddSeconds(15)
    while (-not (Test-AgentTaskRunning) -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 500 }
    if (-not (Test-AgentTaskRunning)) {
        Fail 13 "the scheduled task $TaskPath$TaskName did not start (Get-ScheduledTaskInfo shows its last result)"
    }
    Write-Step "Starting task $TaskPath$TaskName" 'ok (runs at startup as SYSTEM)'
}

# The tier pinned in identity.json (the agent writes it at registration, from the platform's
# answer, which is the install token's tier). It replaces $Tier, which must match it if given.
function Set-PinnedTier {
    $pinned = $null
    try { $pinned = (Get-Content -LiteralPath $IdentityFile -Raw | ConvertFrom-Json).tier } catch { }
    if (-not $pinned -or @('ALL', 'ORACLE', 'GUARDIAN') -notcontains $pinned) {
        Fail 1 "$IdentityFile pins no known tier (an identity from an agent older than tier pinning): start that agent once so it pins the tier, then re-run install.ps1"
    }
    if ($Tier -and $Tier -ne $pinned) {
        Fail 2 "this node is pinned to tier $pinned, not $($Tier): a node changes tier only by registering again (install.ps1 -Uninstall -Purge, then a new install token)"
    }
    $script:Tier = $pinned
    Assert-BeaconFor $pinned
}

function Install-Node([object] $Java) {
    $already = Test-Path -LiteralPath $IdentityFile
    if ($already) {
        # The identity belongs to the platform that admitted it.
        $previous = $null
        if (Test-Path -LiteralPath $EnvFile) {
            $match = Select-String -LiteralPath $EnvFile -Pattern '^NODERR_PLATFORM="(.*)"$' | Select-Object -First 1
            if ($match) { $previous = $match.Matches[0].Groups[1].Value }
        }
        if ($previous -and $previous -ne $Platform) {
            Fail 2 "this node is registered with $previous; to move it to $Platform run install.ps1 -Uninstall -Purge first (it then needs a new install token)"
        }
        Set-PinnedTier
        Write-Step 'Checking registration' "already registered ($IdentityFile, tier $Tier): skipping registration, refreshing files"
    } else {
        Get-Token
    }

    $script:Work = Join-Path ([System.IO.Path]::GetTempPath()) ('noderr-install-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $script:Work
    Get-AgentJar

    # From here on, a failure undoes this run's changes (Fail -> Undo-Changes).
    $script:Changing = $true
    try {
        New-DirectoryTracked $InstallDir
        New-DirectoryTracked $StateDir
        Set-PrivateAcl $StateDir
        New-DirectoryTracked $LogDir
        $task = Get-AgentTask
        if ($task) {
            $script:OldTaskXml = Export-ScheduledTask -TaskName $TaskName -TaskPath $TaskPath
            $script:OldTaskRunning = ($task.State -eq 'Running')
        }
        # A running JVM keeps its jar open, and Windows does not replace open files.
        Stop-Agent
        Install-FileTracked (Join-Path $script:Work 'agent.jar') $JarPath
    } catch {
        Fail 1 "installing files failed: $($_.Exception.Message.Trim())"
    }
    Write-Step 'Installing agent' "ok ($JarPath)"
    if (-not $already) {
        Register-Node $Java
        Set-PinnedTier
    }
    # Written once the tier is known: registration needs neither file.
    try {
        $runner = Join-Path $script:Work 'run-agent.ps1'
        [System.IO.File]::WriteAllText($runner, (Get-RunnerText $Java), (New-Object System.Text.UTF8Encoding($true)))
        $envText = Join-Path $script:Work 'agent.env'
        [System.IO.File]::WriteAllText($envText, (Get-EnvText), (New-Object System.Text.UTF8Encoding($false)))
        Install-FileTracked $runner $RunnerPath
        Install-FileTracked $envText $EnvFile
    } catch {
        Fail 1 "installing files failed: $($_.Exception.Message.Trim())"
    }
    Write-Step 'Writing runner and settings' "ok ($EnvFile, tier $Tier)"
    Register-AgentTask

    $script:Finished = $true
    foreach ($pair in $script:Backups) { Remove-Item -LiteralPath $pair[1] -Force -ErrorAction SilentlyContinue }
    Remove-Work
    $tpmNote = ''
    if ($Tpm -eq 'none') { $tpmNote = ' (UNATTESTED)' }
    $identityNote = 'registered now'
    if ($already) { $identityNote = 'kept from an earlier install' }
    $temporalNote = $Temporal
    if (-not $temporalNote) { $temporalNote = 'from the platform' }
    $beaconNote = 'as the platform reports it (tier ALL only)'
    if ($BeaconRpc) { $beaconNote = "$BeaconAddress on $BeaconRpc" }
    Write-Host ''
    Write-Host 'Noderr node installed.'
    Write-Host "  platform   $Platform"
    Write-Host "  tier       $Tier (pinned at registration; the agent installs this tier's releases only)"
    Write-Host "  TPM        $Tpm$tpmNote"
    Write-Host "  software   containers on $DockerHost, health $HealthUrl"
    Write-Host "  temporal   $temporalNote"
    Write-Host "  beacon     $beaconNote"
    Write-Host "  agent      $JarPath (Java $($Java.Version), $($Java.Path))"
    Write-Host "  identity   $IdentityFile ($identityNote)"
    Write-Host "  task       $TaskPath$TaskName (at startup, as SYSTEM); logs in $LogDir"
}

function Uninstall-Node {
    $removed = $false
    if (Get-AgentTask) {
        Stop-Agent
        Unregister-ScheduledTask -TaskName $TaskName -TaskPath $TaskPath -Confirm:$false
        try {
            # The \Noderr\ task folder, when nothing else is in it.
            $scheduler = New-Object -ComObject Schedule.Service
            $scheduler.Connect()
            $scheduler.GetFolder('\').DeleteFolder('Noderr', 0)
        } catch { }
        Write-Step "Stopping task $TaskPath$TaskName" 'ok (stopped, removed)'
        $removed = $true
    } else {
        Stop-Agent
    }
    if (Test-Path -LiteralPath $InstallDir) {
        Remove-Item -LiteralPath $InstallDir -Recurse -Force
        $removed = $true
    }
    $parent = Split-Path -Parent $InstallDir
    if ((Test-Path -LiteralPath $parent) -and @(Get-ChildItem -LiteralPath $parent -Force).Count -eq 0) {
        Remove-Item -LiteralPath $parent -Force
    }
    if ($removed) { Write-Step 'Removing agent and runner' 'ok' } else { Write-Step 'Removing agent and runner' 'nothing installed' }
    if ($Purge) {
        if (Test-Path -LiteralPath $StateDir) { Remove-Item -LiteralPath $StateDir -Recurse -Force }
        $parent = Split-Path -Parent $StateDir
        if ((Test-Path -LiteralPath $parent) -and @(Get-ChildItem -LiteralPath $parent -Force).Count -eq 0) {
            Remove-Item -LiteralPath $parent -Force
        }
        Write-Step 'Purging identity' 'ok (the node needs a new install token to come back)'
    } elseif (Test-Path -LiteralPath $StateDir) {
        Write-Step 'Keeping node identity' "$StateDir (install.ps1 -Uninstall -Purge deletes it)"
    }
    Write-Host ''
    Write-Host 'Noderr node agent uninstalled. The node stays in the platform''s registry until an admin retires it.'
}

# ---------------------------------------------------------------------------------------------
try {
    Test-Architecture
    Test-Administrator
    Test-TaskScheduler
    if ($Uninstall) {
        Uninstall-Node
        exit 0
    }
    $java = Find-Java
    Test-Tpm
    Test-Docker
    if ($CheckOnly) {
        Write-Host ''
        Write-Host 'All checks passed; nothing was changed (-CheckOnly).'
        exit 0
    }
    Install-Node $java
    exit 0
} catch {
    Fail 1 "unexpected failure: $($_.Exception.Message.Trim()) (line $($_.InvocationInfo.ScriptLineNumber))"
}
