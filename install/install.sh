#!/usr/bin/env bash
#
# install.sh: turns this Linux machine into a Noderr node.
#
# It checks the machine first and changes nothing until every check has passed. Then it
# installs the node agent jar, registers the node with the platform using the one-time install
# token, writes the agent's settings (with the tier the node was admitted to, pinned) and runs
# the agent as the systemd service noderr-agent under the system user noderr. The agent runs the
# node software as containers on the Docker Engine (--runtime docker), so the node takes the
# releases the platform rolls out. If registration is refused, this run's changes are undone.
#
#   sudo NODERR_INSTALL_TOKEN=nit_... bash install.sh --platform https://noderr.example.org
#
# `install.sh --help` lists the options and exit codes. install/README.md has the details,
# including the test hooks (NODERR_INSTALL_ROOT, NODERR_SKIP_USER_CREATE, NODERR_AGENT_CMD,
# NODERR_JVM_DIR). Needs bash 4.4 or newer.
set -Eeuo pipefail
# agent.env must never be readable by anyone else, not even for a moment, so files start
# private. Every file and directory that others may read gets its mode set explicitly.
umask 077

readonly SERVICE=noderr-agent
readonly SERVICE_USER=noderr
readonly OPT_DIR=/opt/noderr-agent
readonly JAR="$OPT_DIR/noderr-agent.jar"
readonly ETC_DIR=/etc/noderr-agent
readonly ENV_FILE="$ETC_DIR/agent.env"
readonly STATE_DIR=/var/lib/noderr-agent
readonly IDENTITY_FILE=identity.json
readonly UNIT_FILE="/etc/systemd/system/$SERVICE.service"
readonly DEFAULT_TPM=/dev/tpmrm0
readonly DEFAULT_DOCKER_HOST=unix:///var/run/docker.sock
# Where the node software answers health checks; a hand-over gives the new container port + 1.
readonly DEFAULT_HEALTH_URL=http://127.0.0.1:8081/health
readonly TIERS="ALL ORACLE GUARDIAN"
# Groups the service user joins where they exist: tss opens the TPM device, docker reaches the
# Docker socket (which makes the user as powerful as root on this machine: the agent needs it to
# run the node software).
readonly JOIN_GROUPS=(tss docker)
readonly MIN_JAVA=21
# An http(s) URL kept to characters that need no quoting in agent.env or the unit.
readonly HTTP_URL='^https?://([A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\])(:[0-9]{1,5})?(/[A-Za-z0-9._~%/+-]*)?$'
# The same with the port required: a hand-over moves the node software to the next port.
readonly HEALTH_URL='^https?://([A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\]):([0-9]{1,5})(/[A-Za-z0-9._~%/+-]*)?$'

# Exit codes. Keep them in step with usage() and README.md.
readonly E_FAILED=1 E_USAGE=2 E_OS=3 E_ARCH=4 E_NO_JAVA=5 E_OLD_JAVA=6 E_TPM=7 E_DOCKER=8 \
  E_SYSTEMD=9 E_ROOT=10 E_AGENT_JAR=11 E_REGISTER=12 E_SERVICE=13 E_TOOLS=14

usage() {
  cat <<'USAGE'
usage: install.sh --platform URL [options]
       install.sh --uninstall [--purge]

Turns this Linux machine into a Noderr node: checks it, installs the node agent, registers the
node with the platform using a one-time install token, and starts the systemd service
noderr-agent (user noderr). The agent runs the node software as containers on Docker and
installs the releases the platform rolls out; it keeps to the tier the token was issued for.
Run as root. Safe to re-run: an already registered node keeps its identity and tier, and only
the agent, its settings and the unit are refreshed.

options:
  --platform URL         platform base URL, e.g. https://noderr.example.org (required)
  --install-token TOKEN  install token from the console. Prefer the environment variable
                         NODERR_INSTALL_TOKEN, because a command line is visible in ps. When
                         neither is given and stdin is a terminal, you are asked for it.
                         Not needed when the node is already registered.
  --tpm SPEC             /dev/tpmrm0 (the default when it exists), another TPM device path,
                         tcp://HOST:PORT (a TPM simulator), or none (a software key: the node
                         is UNATTESTED and admitted only if the platform's policy allows it)
  --agent-jar PATH       agent jar to install (default: download PLATFORM/downloads/noderr-agent.jar)
  --temporal HOST:PORT   Temporal frontend for the agent (default: the platform says)
  --tier TIER            ALL, ORACLE or GUARDIAN: the tier the install token was issued for
                         (default: the token's). Registration is refused for another tier; on a
                         re-run it must be the tier the node is pinned to
  --health-url URL       where the node software answers health checks, with a port
                         (default: http://127.0.0.1:8081/health); a new release gets the next
                         port while the old one still serves, and is kept only once healthy
  --docker-host unix:///PATH
                         Docker Engine socket (default: DOCKER_HOST if it is unix://, else
                         unix:///var/run/docker.sock). User noderr needs read and write access:
                         it joins group docker, which the socket normally belongs to
  --beacon-rpc URL       JSON-RPC endpoint of a chain node you trust; with --beacon-address the
                         agent checks every release against the beacon contract itself. ORACLE
                         and GUARDIAN nodes need both (the agent refuses to start without them)
  --beacon-address 0x..  VersionBeacon contract address (goes with --beacon-rpc)
  --no-docker-check      install although Docker is not available or not accessible. The node
                         runs its software as containers, so it fails every release until Docker
                         works for user noderr.
  --check-only           run the checks, change nothing
  --uninstall            stop and remove the service, the agent and its settings; keeps the
                         node's identity in /var/lib/noderr-agent
  --purge                with --uninstall: also delete /var/lib/noderr-agent and the user
                         noderr. After that the node needs a new install token.
  -h, --help             this text

exit codes:
   0 done                       8 Docker not available to user noderr
   1 failed while installing    9 systemctl not found or systemd not running
   2 bad usage or no token     10 not running as root
   3 not Linux                 11 agent jar missing or download failed
   4 unsupported architecture  12 registration refused or failed
   5 Java not found            13 systemd could not enable or start the service
   6 Java older than 21        14 a required tool is missing (curl, runuser, useradd)
   7 TPM missing or not accessible
USAGE
}

say() { printf '%s\n' "$*"; }
step() { say "==> $1... $2"; }
# One clear line on stderr and a distinct exit code. A failure after changes began also runs
# rollback (see on_exit).
die() {
  local code=$1
  shift
  printf 'error: %s\n' "$*" >&2
  exit "$code"
}

# ---------------------------------------------------------------------------------------------
# Test hooks (documented in README.md). Defaults are what a real install uses.
# NODERR_INSTALL_ROOT prefixes every path this script writes, so a test installs into a
# throwaway directory. Paths written INTO files (the unit, agent.env) stay unprefixed, because
# they describe the machine the root stands for.
ROOT="${NODERR_INSTALL_ROOT:-/}"
[[ $ROOT == /* ]] || die "$E_USAGE" "NODERR_INSTALL_ROOT must be an absolute path"
ROOT="${ROOT%/}"
readonly ROOT
# 1 = no useradd/usermod/userdel and no runuser: registration runs as the invoking user.
readonly SKIP_USER="${NODERR_SKIP_USER_CREATE:-0}"
# Where to look for JDKs after JAVA_HOME and PATH (same variable as ./noderr uses).
readonly JVM_DIR="${NODERR_JVM_DIR:-/usr/lib/jvm}"

p() { printf '%s%s' "$ROOT" "$1"; } # the real location of a path on the target machine

# ORACLE and GUARDIAN nodes check releases against the beacon contract on chain; the agent
# refuses to start without it, so the installer refuses first.
require_beacon_for() {
  if [[ -n $1 && $1 != ALL && -z $beacon_rpc ]]; then
    die "$E_USAGE" "tier $1 checks releases on chain: give --beacon-rpc URL and --beacon-address 0x... (a chain node you trust and the VersionBeacon contract)"
  fi
}

# ---------------------------------------------------------------------------------------------
# Options.
platform="" token="" token_from_arg=0 tpm="" agent_jar="" temporal="" beacon_rpc="" beacon_address=""
tier="" health_url=$DEFAULT_HEALTH_URL docker_host=$DEFAULT_DOCKER_HOST
if [[ ${DOCKER_HOST:-} == unix://* ]]; then docker_host=$DOCKER_HOST; fi
mode=install purge=0 docker_check=1

set_option() {
  case $1 in
    --platform) platform=$2 ;;
    --install-token)
      token=$2
      token_from_arg=1
      ;;
    --tpm) tpm=$2 ;;
    --agent-jar) agent_jar=$2 ;;
    --temporal) temporal=$2 ;;
    --beacon-rpc) beacon_rpc=$2 ;;
    --beacon-address) beacon_address=$2 ;;
    --tier) tier=$2 ;;
    --health-url) health_url=$2 ;;
    --docker-host) docker_host=$2 ;;
  esac
}

while (($# > 0)); do
  case $1 in
    --platform | --install-token | --tpm | --agent-jar | --temporal | --beacon-rpc | --beacon-address | \
      --tier | --health-url | --docker-host)
      (($# >= 2)) || die "$E_USAGE" "$1 needs a value (see --help)"
      set_option "$1" "$2"
      shift 2
      ;;
    --platform=* | --install-token=* | --tpm=* | --agent-jar=* | --temporal=* | --beacon-rpc=* | --beacon-address=* | \
      --tier=* | --health-url=* | --docker-host=*)
      set_option "${1%%=*}" "${1#*=}"
      shift
      ;;
    --uninstall) mode=uninstall && shift ;;
    --purge) purge=1 && shift ;;
    --check-only) mode=check && shift ;;
    --no-docker-check) docker_check=0 && shift ;;
    -h | --help) usage && exit 0 ;;
    -*) die "$E_USAGE" "unknown option ${1%%=*} (see --help)" ;;
    # Not echoed: a stray word may well be a token pasted in the wrong place.
    *) die "$E_USAGE" "unexpected argument (not shown, it may be a secret); options start with -- (see --help)" ;;
  esac
done

# The token never goes further than this script and the agent's registration: children such as
# systemctl or curl must not inherit it, so it is taken out of the environment right away.
if [[ -z $token && -n ${NODERR_INSTALL_TOKEN:-} ]]; then token=$NODERR_INSTALL_TOKEN; fi
unset NODERR_INSTALL_TOKEN

if ((purge)) && [[ $mode != uninstall ]]; then die "$E_USAGE" "--purge goes with --uninstall"; fi
if [[ $mode != uninstall ]]; then
  [[ -n $platform ]] || die "$E_USAGE" "--platform URL is required (see --help)"
  # Kept to characters that need no quoting in agent.env or the unit.
  platform=${platform%/}
  [[ $platform =~ $HTTP_URL ]] ||
    die "$E_USAGE" "--platform must be an http(s) URL such as https://noderr.example.org, got '$platform'"
  if [[ -n $temporal && ! $temporal =~ ^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\]):[0-9]{1,5}$ ]]; then
    die "$E_USAGE" "--temporal must be HOST:PORT, got '$temporal'"
  fi
  if [[ -n $beacon_rpc || -n $beacon_address ]]; then
    [[ -n $beacon_rpc && -n $beacon_address ]] ||
      die "$E_USAGE" "--beacon-rpc and --beacon-address go together: give both to check releases on chain"
    [[ $beacon_rpc =~ $HTTP_URL ]] ||
      die "$E_USAGE" "--beacon-rpc must be an http(s) URL such as https://rpc.example.org, got '$beacon_rpc'"
    [[ $beacon_address =~ ^0x[0-9A-Fa-f]{40}$ ]] ||
      die "$E_USAGE" "--beacon-address must be 0x and 40 hex digits, got '$beacon_address'"
  fi
  if [[ -n $tier && " $TIERS " != *" $tier "* ]]; then
    die "$E_USAGE" "--tier must be ALL, ORACLE or GUARDIAN, got '$tier'"
  fi
  require_beacon_for "$tier"
  if ! [[ $health_url =~ $HEALTH_URL ]] || ((10#${BASH_REMATCH[2]} < 1 || 10#${BASH_REMATCH[2]} >= 65535)); then
    die "$E_USAGE" "--health-url must be an http(s) URL with a port below 65535 (the next one is for hand-overs), such as $DEFAULT_HEALTH_URL, got '$health_url'"
  fi
  [[ $docker_host =~ ^unix:///[A-Za-z0-9._/-]+$ ]] ||
    die "$E_USAGE" "--docker-host must be unix:///PATH, the Docker socket on this machine (e.g. $DEFAULT_DOCKER_HOST), got '$docker_host'"
  if [[ -n $tpm && $tpm != none && ! $tpm =~ ^tcp://([A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\]):[0-9]{1,5}$ && ! $tpm =~ ^/[A-Za-z0-9._/-]+$ ]]; then
    die "$E_USAGE" "--tpm must be a device path such as /dev/tpmrm0, tcp://HOST:PORT or none, got '$tpm'"
  fi
fi

# ---------------------------------------------------------------------------------------------
# Checks. Each prints one progress line or dies with one line on stderr; none changes anything.

check_os() {
  local os
  os=$(uname -s)
  [[ $os == Linux ]] || die "$E_OS" "this installer is for Linux, this machine runs $os (use install.ps1 on Windows)"
  step "Checking OS" "ok (Linux)"
}

check_arch() {
  local arch
  arch=$(uname -m)
  case $arch in
    x86_64 | aarch64) step "Checking architecture" "ok ($arch)" ;;
    *) die "$E_ARCH" "unsupported architecture $arch: Noderr nodes run on x86_64 or aarch64" ;;
  esac
}

check_root() {
  if [[ -n $ROOT ]]; then
    step "Checking privileges" "skipped (NODERR_INSTALL_ROOT=$ROOT)"
  elif [[ $(id -u) -eq 0 ]]; then
    step "Checking privileges" "ok (root)"
  else
    die "$E_ROOT" "run this installer as root, e.g. sudo -E bash install.sh ... (-E keeps NODERR_INSTALL_TOKEN)"
  fi
}

check_systemd() {
  command -v systemctl >/dev/null 2>&1 ||
    die "$E_SYSTEMD" "systemctl not found: the agent runs as a systemd service, and this machine has no systemd"
  # systemctl also exists in containers that were not booted with systemd; finding that out
  # only after registration would spend the token for nothing. /run/systemd/system is what
  # sd_booted() checks. A throwaway root (NODERR_INSTALL_ROOT) is not booted, so not there.
  if [[ -z $ROOT && ! -d /run/systemd/system ]]; then
    die "$E_SYSTEMD" "systemd is not running on this machine (no /run/systemd/system), so it cannot run the agent service"
  fi
  step "Checking systemd" "ok"
}

# Prints "MAJOR VERSION" for the java binary $1 (e.g. "21 21.0.5", "8 1.8.0_392", "25 25-ea").
# Reads the first `version "..."` line, so a "Picked up JAVA_TOOL_OPTIONS" line does no harm.
java_version_of() {
  local out line version major
  out=$("$1" -version 2>&1) || return 1
  while IFS= read -r line; do
    if [[ $line =~ version\ \"([^\"]+)\" ]]; then
      version=${BASH_REMATCH[1]}
      break
    fi
  done <<<"$out"
  [[ -n ${version:-} ]] || return 1
  if [[ $version == 1.* ]]; then major=${version#1.}; else major=$version; fi
  major=${major%%[!0-9]*}
  [[ -n $major ]] || return 1
  printf '%s %s\n' "$((10#$major))" "$version"
}

# Sets java_bin (the resolved path the unit runs), java_major and java_version. The first
# candidate that is 21+ wins, in the order JAVA_HOME, java on PATH, JVM_DIR/*.
java_bin="" java_major=0 java_version=""
check_java() {
  local -a candidates=()
  local candidate found too_old=""
  if [[ -n ${JAVA_HOME:-} ]]; then candidates+=("$JAVA_HOME/bin/java"); fi
  if candidate=$(command -v java 2>/dev/null); then candidates+=("$candidate"); fi
  for candidate in "$JVM_DIR"/*/bin/java; do
    if [[ -e $candidate ]]; then candidates+=("$candidate"); fi
  done
  for candidate in "${candidates[@]}"; do
    [[ -f $candidate && -x $candidate ]] || continue
    found=$(java_version_of "$candidate") || continue
    if ((${found%% *} >= MIN_JAVA)); then
      java_bin=$(readlink -f "$candidate")
      java_major=${found%% *}
      java_version=${found#* }
      # systemd takes an unquoted path only with plain characters; JDK paths have none other.
      [[ $java_bin =~ ^/[A-Za-z0-9._/+-]+$ ]] ||
        die "$E_NO_JAVA" "Java $java_version at '$java_bin' has characters systemd can't take in ExecStart; set JAVA_HOME to a JDK under a plain path"
      step "Checking Java" "ok ($java_version, $java_bin)"
      return 0
    fi
    [[ -n $too_old ]] || too_old="${found#* } at $candidate"
  done
  [[ -z $too_old ]] ||
    die "$E_OLD_JAVA" "Java $MIN_JAVA or newer is required, found only Java $too_old: install a JRE $MIN_JAVA+ (e.g. apt-get install openjdk-21-jre-headless) or set JAVA_HOME to one"
  die "$E_NO_JAVA" "Java $MIN_JAVA or newer not found (looked at \$JAVA_HOME, java on PATH, $JVM_DIR/*): install a JRE $MIN_JAVA+, e.g. apt-get install openjdk-21-jre-headless"
}

# True when user $1 exists and is a member of group $2.
user_in_group() {
  local groups
  groups=" $(id -nG "$1" 2>/dev/null || true) "
  [[ $groups == *" $2 "* ]]
}

# True when the user the agent runs as can read and write $1: as its owner, through its group
# (one the service user is in, or one of JOIN_GROUPS that it joins, so the usual root:tss 0660
# TPM and root:docker 0660 socket work), or through the mode bits for others. Under
# NODERR_SKIP_USER_CREATE the agent runs as the invoking user, so that user's access counts.
# Sets file_access to "owner:group mode" for the messages.
file_access=""
service_user_can_rw() {
  local owner group mode u g o
  read -r owner group mode < <(stat -L -c '%U %G %a' "$1")
  mode=$((8#$mode & 8#777))
  file_access="$owner:$group $(printf '%o' "$mode")"
  if ((SKIP_USER)); then
    [[ -r $1 && -w $1 ]]
    return
  fi
  u=$(((mode >> 6) & 6)) g=$(((mode >> 3) & 6)) o=$((mode & 6))
  ((o == 6)) && return 0
  [[ $owner == "$SERVICE_USER" ]] && ((u == 6)) && return 0
  ((g == 6)) || return 1
  if [[ " ${JOIN_GROUPS[*]} " == *" $group "* ]] && getent group "$group" >/dev/null; then return 0; fi
  user_in_group "$SERVICE_USER" "$group"
}

# A device path must exist, be a character device, and be readable and writable by the service
# user (service_user_can_rw).
check_tpm() {
  if [[ -z $tpm ]]; then
    [[ -e $DEFAULT_TPM ]] ||
      die "$E_TPM" "no TPM at $DEFAULT_TPM: pass --tpm none (software key, UNATTESTED, only if the platform's policy allows it) or --tpm tcp://HOST:PORT (a TPM simulator)"
    tpm=$DEFAULT_TPM
  fi
  case $tpm in
    none)
      step "Checking TPM" "none: software key, the node will be UNATTESTED (the platform admits it only if its policy allows that)"
      return 0
      ;;
    tcp://*)
      step "Checking TPM" "simulator at ${tpm#tcp://} (not checked until registration)"
      return 0
      ;;
  esac
  [[ -e $tpm ]] || die "$E_TPM" "TPM device $tpm does not exist (is the TPM enabled in the firmware? else pass --tpm none or --tpm tcp://HOST:PORT)"
  [[ -c $tpm ]] || die "$E_TPM" "$tpm is not a character device, so it is not a TPM"
  if service_user_can_rw "$tpm"; then
    step "Checking TPM" "ok ($tpm, $file_access)"
    return 0
  fi
  die "$E_TPM" "TPM device $tpm ($file_access) is not readable and writable by user $SERVICE_USER or group tss: give group tss rw (chgrp tss $tpm && chmod 0660 $tpm, or the tpm2-tss udev rules)"
}

# Docker is a hard requirement: the agent runs the node software as containers on the Docker
# Engine (--runtime docker), so a node without one registers fine and then fails every release
# rolled out to it. The agent runs as user noderr, so root reaching Docker proves nothing: the
# socket must be readable and writable by that user (group docker, which it joins). Failing here
# is cheaper than finding out in a rollout. --no-docker-check is for machines where Docker comes
# later (e.g. an image that installs it on first boot).
check_docker() {
  if ((!docker_check)); then
    step "Checking Docker" "skipped (--no-docker-check)"
    return 0
  fi
  local socket=${docker_host#unix://}
  [[ -S $socket ]] ||
    die "$E_DOCKER" "Docker is not available: no socket at $socket. The node runs its software as containers; install and start Docker (apt-get install docker.io), pass --docker-host unix:///PATH, or --no-docker-check"
  service_user_can_rw "$socket" ||
    die "$E_DOCKER" "the Docker socket $socket ($file_access) is not readable and writable by user $SERVICE_USER: give it to group docker (chgrp docker $socket && chmod 0660 $socket; the user joins that group), or pass --no-docker-check"
  if command -v docker >/dev/null 2>&1 && ! timeout 30 docker -H "$docker_host" info >/dev/null 2>&1; then
    die "$E_DOCKER" "the Docker Engine at $socket does not answer (docker -H $docker_host info failed): start it (systemctl start docker), or pass --no-docker-check"
  fi
  step "Checking Docker" "ok ($socket, $file_access)"
}

check_tools() {
  local tool
  local -a tools=()
  [[ -n $agent_jar ]] || tools+=(curl)
  ((SKIP_USER)) || tools+=(runuser useradd usermod userdel)
  for tool in "${tools[@]}"; do
    command -v "$tool" >/dev/null 2>&1 || die "$E_TOOLS" "$tool not found; install it (curl, or util-linux/passwd for the user tools) and re-run"
  done
  step "Checking tools" "ok"
}

# ---------------------------------------------------------------------------------------------
# Transaction log: what this run changed, so a failure can put the machine back as it was.
changing=0    # 1 once the first change is made
finished=0    # 1 once the install is complete; no rollback after that
registering=0 # 1 once the agent was started to register
registered=0  # 1 once registration succeeded in this run: keep the identity and the user
user_created=0
enabled_now=0 # 1 if this run enabled a unit that was not enabled before
unit_touched=0
created=()    # files and directories this run created, in order
backups=()    # "DEST|BACKUP": files this run replaced, with a copy of what was there
temps=()      # temporary files next to their destination
state_before=() # entries of an existing state dir before registration
work=""

rollback() {
  local i entry state
  state=$(p "$STATE_DIR")
  say "==> Undoing this run's changes"
  if ((enabled_now)); then systemctl disable --now "$SERVICE" >/dev/null 2>&1 || true; fi
  for ((i = ${#backups[@]} - 1; i >= 0; i--)); do
    mv -f "${backups[i]#*|}" "${backups[i]%%|*}" || say "    could not restore ${backups[i]%%|*}"
  done
  # Backups are temps too; the restored ones are gone by now, so this removes only new files.
  for entry in "${temps[@]}"; do rm -f "$entry"; done
  # An existing state dir loses only what the failed registration added to it.
  if ((registering && !registered)) && [[ -d $state ]]; then
    for entry in "$state"/* "$state"/.[!.]*; do
      [[ -e $entry ]] || continue
      [[ " ${state_before[*]} " == *" ${entry##*/} "* ]] || rm -rf "$entry"
    done
  fi
  for ((i = ${#created[@]} - 1; i >= 0; i--)); do
    entry=${created[i]}
    if [[ $entry == "$state" ]]; then
      ((registered)) || rm -rf "$entry"
    elif [[ -d $entry && ! -L $entry ]]; then
      # Parents of a kept state dir stay quietly.
      rmdir "$entry" 2>/dev/null || [[ $state == "$entry"/* ]] || say "    left $entry (not empty)"
    else
      rm -f "$entry"
    fi
  done
  if ((unit_touched)); then systemctl daemon-reload >/dev/null 2>&1 || true; fi
  if ((user_created && !registered)); then userdel "$SERVICE_USER" >/dev/null 2>&1 || true; fi
  if ((registered)); then
    local kept="$STATE_DIR"
    ((SKIP_USER)) || kept+=" and user $SERVICE_USER"
    say "    kept $kept: the node is registered and its token is spent;"
    say "    fix the cause and re-run install.sh (no token needed)"
  fi
}

on_exit() {
  local rc=$?
  trap - EXIT
  if ((rc != 0 && changing && !finished)); then rollback || true; fi
  if [[ -n $work ]]; then rm -rf "$work"; fi
  exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Creates the missing directories of $1 (recording each), then sets $1's mode and owner.
ensure_dir() {
  local target=$1 mode=$2 owner=${3:-} part="" comp
  local -a comps
  IFS=/ read -ra comps <<<"$target"
  for comp in "${comps[@]}"; do
    [[ -n $comp ]] || continue
    part+="/$comp"
    if [[ ! -d $part ]]; then
      mkdir "$part"
      created+=("$part")
      chmod 0755 "$part"
    fi
  done
  chmod "$mode" "$target"
  if [[ -n $owner ]]; then chown "$owner" "$target"; fi
}

# Puts $1 at $2 with mode $3 atomically: a temp file in the destination directory (so it gets
# that directory's filesystem and SELinux context), then a rename. A replaced file is kept as
# a backup until the install is finished.
place_file() {
  local src=$1 dest=$2 mode=$3 tmp backup
  tmp="$(dirname "$dest")/.$(basename "$dest").new.$$"
  temps+=("$tmp")
  cp "$src" "$tmp"
  chmod "$mode" "$tmp"
  if [[ -e $dest ]]; then
    backup="$(dirname "$dest")/.$(basename "$dest").old.$$"
    temps+=("$backup")
    cp -p "$dest" "$backup"
    backups+=("$dest|$backup")
  else
    created+=("$dest")
  fi
  mv -f "$tmp" "$dest"
}

# ---------------------------------------------------------------------------------------------
# Install steps.

# The token: --install-token, NODERR_INSTALL_TOKEN, or a prompt on the terminal.
need_token() {
  if [[ -z $token && -t 0 ]]; then
    read -rs -p "Install token (input hidden): " token </dev/tty
    printf '\n' >&2
  fi
  [[ -n $token ]] ||
    die "$E_USAGE" "an install token is required: set NODERR_INSTALL_TOKEN (or pass --install-token, or run interactively)"
  [[ $token =~ ^[[:graph:]]+$ ]] || die "$E_USAGE" "the install token contains spaces or control characters; copy it again from the console"
  if ((token_from_arg)); then
    say "note: --install-token is visible to other users in ps; NODERR_INSTALL_TOKEN is not"
  fi
}

fetch_jar() {
  local dest="$work/agent.jar" url="$platform/downloads/noderr-agent.jar" rc=0
  if [[ -n $agent_jar ]]; then
    [[ -f $agent_jar && -r $agent_jar ]] || die "$E_AGENT_JAR" "--agent-jar $agent_jar is not a readable file"
    cp "$agent_jar" "$dest"
    step "Agent jar" "$agent_jar"
  else
    curl -fsSL --retry 2 --connect-timeout 15 -o "$dest" "$url" 2>/dev/null || rc=$?
    ((rc == 0)) || die "$E_AGENT_JAR" "could not download the agent from $url (curl exit $rc): check --platform, or pass --agent-jar PATH"
    step "Downloading agent" "ok ($url)"
  fi
  # A jar is a zip; an HTML error page saved as a jar is not.
  [[ $(head -c 2 "$dest") == PK ]] || die "$E_AGENT_JAR" "the agent jar is not a jar (no zip header)"
}

# JVM options as ./noderr uses them: gRPC (Temporal) wants native access, and from JDK 24 on its
# Netty would warn about sun.misc.Unsafe at every start unless allowed.
java_opts() {
  printf '%s\n' --enable-native-access=ALL-UNNAMED
  if ((java_major >= 24)); then printf '%s\n' --sun-misc-unsafe-memory-access=allow; fi
}

render_env() {
  cat <<EOF
# Noderr node agent settings, written by install.sh: re-run it to change them.
# The install token is NOT here: it is used once, to register, and never stored.
NODERR_PLATFORM="$platform"
NODERR_TPM="$tpm"
# The tier the node was admitted to, as pinned in $STATE_DIR/$IDENTITY_FILE at registration. The
# agent installs only this tier's releases and refuses to start if the two ever disagree.
NODERR_TIER="$tier"
# The node software: containers on this Docker Engine, kept only once healthy at this URL.
NODERR_DOCKER_HOST="$docker_host"
NODERR_HEALTH_URL="$health_url"
EOF
  if [[ -n $temporal ]]; then
    say "NODERR_TEMPORAL=\"$temporal\""
  else
    say "# NODERR_TEMPORAL: not set, the agent asks the platform (install.sh --temporal HOST:PORT sets it)"
  fi
  if [[ -n $beacon_rpc ]]; then
    say "NODERR_BEACON_RPC_URL=\"$beacon_rpc\""
    say "NODERR_BEACON_ADDRESS=\"$beacon_address\""
  else
    say "# NODERR_BEACON_RPC_URL/NODERR_BEACON_ADDRESS: not set, releases are checked against the beacon as the platform reports it (tier ALL only; install.sh --beacon-rpc URL --beacon-address 0x... sets them)"
  fi
}

render_unit() {
  local -a opts
  mapfile -t opts < <(java_opts)
  local exec_start="$java_bin ${opts[*]} -jar $JAR agent --platform \${NODERR_PLATFORM} --tpm \${NODERR_TPM} --state-dir $STATE_DIR --tier \${NODERR_TIER} --runtime docker --docker-host \${NODERR_DOCKER_HOST} --health-url \${NODERR_HEALTH_URL}"
  if [[ -n $temporal ]]; then exec_start+=" --temporal \${NODERR_TEMPORAL}"; fi
  if [[ -n $beacon_rpc ]]; then
    exec_start+=" --beacon-rpc \${NODERR_BEACON_RPC_URL} --beacon-address \${NODERR_BEACON_ADDRESS}"
  fi
  cat <<EOF
# Written by install.sh; re-run it instead of editing (it overwrites this file).
[Unit]
Description=Noderr node agent
Wants=network-online.target
After=network-online.target docker.service

[Service]
Type=simple
User=$SERVICE_USER
Group=$SERVICE_USER
EnvironmentFile=$ENV_FILE
ExecStart=$exec_start
Restart=on-failure
RestartSec=10s
# The JVM exits with 143 when systemd stops it with SIGTERM; that is a clean stop.
SuccessExitStatus=143
# Hardening: the agent writes only its state dir; it talks to the platform, Temporal, the TPM
# and the Docker socket (connecting to a socket is not a write, so ProtectSystem allows it).
NoNewPrivileges=yes
ProtectSystem=strict
ProtectHome=yes
ReadWritePaths=$STATE_DIR
PrivateTmp=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectControlGroups=yes
RestrictSUIDSGID=yes
LockPersonality=yes
DevicePolicy=closed
EOF
  if [[ $tpm == /* ]]; then say "DeviceAllow=$tpm rw"; fi
  cat <<'EOF'

[Install]
WantedBy=multi-user.target
EOF
}

ensure_user() {
  local -a groups=()
  local group joined
  if ((SKIP_USER)); then
    step "Creating user $SERVICE_USER" "skipped (NODERR_SKIP_USER_CREATE=1)"
    return 0
  fi
  for group in "${JOIN_GROUPS[@]}"; do
    if getent group "$group" >/dev/null; then groups+=("$group"); fi
  done
  joined=$(
    IFS=,
    printf '%s' "${groups[*]}"
  )
  if getent passwd "$SERVICE_USER" >/dev/null; then
    if ((${#groups[@]} > 0)); then usermod -a -G "$joined" "$SERVICE_USER"; fi
    step "Creating user $SERVICE_USER" "exists${joined:+ (groups: $joined)}"
    return 0
  fi
  local shell=/usr/sbin/nologin
  [[ -x $shell ]] || shell=/sbin/nologin
  [[ -x $shell ]] || shell=/bin/false
  local -a args=(--system --user-group --home-dir "$STATE_DIR" --no-create-home --shell "$shell"
    --comment "Noderr node agent")
  if [[ -n $joined ]]; then args+=(--groups "$joined"); fi
  user_created=1
  useradd "${args[@]}" "$SERVICE_USER" || die "$E_FAILED" "useradd $SERVICE_USER failed"
  step "Creating user $SERVICE_USER" "ok${joined:+ (groups: $joined)}"
}

# The owner for files the agent writes, or nothing when there is no such user to chown to
# (NODERR_SKIP_USER_CREATE, or a fake useradd in a test root).
state_owner() {
  if ((!SKIP_USER)) && getent passwd "$SERVICE_USER" >/dev/null; then
    printf '%s:%s' "$SERVICE_USER" "$SERVICE_USER"
  elif ((!SKIP_USER)) && [[ -z $ROOT ]]; then
    die "$E_FAILED" "user $SERVICE_USER does not exist after useradd"
  fi
}

# The line of the agent's stderr that says why: its last "error: ..." line, else the first line
# that is not a JVM warning (a usage error from an older agent prints the reason first).
agent_error_line() {
  local out line="" first=""
  while IFS= read -r out; do
    [[ -n ${out//[[:space:]]/} ]] || continue
    if [[ ${out,,} == error:* ]]; then line=${out:6}; fi
    if [[ -z $first && $out != WARNING:* && $out != "Picked up "* ]]; then first=$out; fi
  done <"$1"
  line=${line:-$first}
  printf '%s' "${line#"${line%%[![:space:]]*}"}"
}

register() {
  local state line rc=0
  local -a cmd
  state=$(p "$STATE_DIR")
  if [[ -n ${NODERR_AGENT_CMD:-} ]]; then
    read -ra cmd <<<"$NODERR_AGENT_CMD"
  else
    mapfile -t cmd < <(java_opts)
    cmd=("$java_bin" "${cmd[@]}" -jar "$(p "$JAR")")
  fi
  # The contract of --register-only: exit 0 once the identity is in the state dir, else one
  # readable line on stderr. The token travels in the environment only: a command line can be
  # read by every user through ps.
  cmd+=(agent --platform "$platform" --tpm "$tpm" --state-dir "$state" --register-only)
  if [[ -n $tier ]]; then cmd+=(--tier "$tier"); fi
  if ((!SKIP_USER)); then cmd=(runuser -u "$SERVICE_USER" -- "${cmd[@]}"); fi
  shopt -s nullglob dotglob
  state_before=("$state"/*)
  shopt -u nullglob dotglob
  state_before=("${state_before[@]##*/}")
  registering=1
  (cd / && export NODERR_INSTALL_TOKEN="$token" && exec "${cmd[@]}") \
    >"$work/agent.out" 2>"$work/agent.err" || rc=$?
  if ((rc != 0)); then
    line=$(agent_error_line "$work/agent.err")
    # Should the agent ever quote the token back, it still doesn't reach the screen.
    line=${line//"$token"/<token>}
    die "$E_REGISTER" "registration failed: ${line:-the agent exited with code $rc and said nothing}"
  fi
  [[ -f $state/$IDENTITY_FILE ]] ||
    die "$E_REGISTER" "registration failed: the agent exited 0 but wrote no $IDENTITY_FILE in $STATE_DIR"
  registered=1
  step "Registering node with $platform" "ok"
}

systemctl_or_die() {
  local line="" out
  if ! systemctl "$@" >/dev/null 2>"$work/systemctl.err"; then
    while IFS= read -r out; do if [[ -n $out ]]; then line=$out; fi; done <"$work/systemctl.err"
    die "$E_SERVICE" "systemctl $* failed${line:+: $line} (see systemctl status $SERVICE, journalctl -u $SERVICE)"
  fi
}

start_service() {
  local was_active=0
  unit_touched=1
  systemctl_or_die daemon-reload
  if ! systemctl is-enabled --quiet "$SERVICE" >/dev/null 2>&1; then enabled_now=1; fi
  if systemctl is-active --quiet "$SERVICE" >/dev/null 2>&1; then was_active=1; fi
  systemctl_or_die enable --now "$SERVICE"
  # enable --now leaves a running agent alone; a re-run wants the new jar and settings live.
  if ((was_active)); then
    systemctl_or_die restart "$SERVICE"
    step "Starting service $SERVICE" "ok (enabled, restarted with the new files)"
  else
    step "Starting service $SERVICE" "ok (enabled, started)"
  fi
}

# The tier pinned in identity.json (the agent writes it at registration, from the platform's
# answer, which is the install token's tier). It becomes NODERR_TIER, which --tier must match.
pin_tier() {
  local file pinned
  file="$(p "$STATE_DIR")/$IDENTITY_FILE"
  pinned=$(sed -n 's/.*"tier"[[:space:]]*:[[:space:]]*"\([A-Z]*\)".*/\1/p' "$file")
  if [[ -z $pinned || " $TIERS " != *" $pinned "* ]]; then
    die "$E_FAILED" "$STATE_DIR/$IDENTITY_FILE pins no known tier (an identity from an agent older than tier pinning): start that agent once so it pins the tier, then re-run install.sh"
  fi
  if [[ -n $tier && $tier != "$pinned" ]]; then
    die "$E_USAGE" "this node is pinned to tier $pinned, not $tier: a node changes tier only by registering again (install.sh --uninstall --purge, then a new install token)"
  fi
  tier=$pinned
  require_beacon_for "$tier"
}

install_node() {
  local identity already=0 owner previous
  identity="$(p "$STATE_DIR")/$IDENTITY_FILE"
  if [[ -f $identity ]]; then
    already=1
    # The identity belongs to the platform that admitted it.
    previous=$(sed -n 's/^NODERR_PLATFORM="\(.*\)"$/\1/p' "$(p "$ENV_FILE")" 2>/dev/null || true)
    if [[ -n $previous && $previous != "$platform" ]]; then
      die "$E_USAGE" "this node is registered with $previous; to move it to $platform run install.sh --uninstall --purge first (it then needs a new install token)"
    fi
    pin_tier
    step "Checking registration" "already registered ($STATE_DIR/$IDENTITY_FILE, tier $tier): skipping registration, refreshing files"
  else
    need_token
  fi

  work=$(mktemp -d)
  fetch_jar

  # From here on, a failure undoes this run's changes (on_exit -> rollback).
  changing=1
  ensure_user
  owner=$(state_owner)
  ensure_dir "$(p "$OPT_DIR")" 0755
  ensure_dir "$(p "$ETC_DIR")" 0755
  ensure_dir "$(p "$STATE_DIR")" 0700 "$owner"
  place_file "$work/agent.jar" "$(p "$JAR")" 0644
  step "Installing agent" "ok ($JAR)"
  if ((!already)); then
    register
    pin_tier
  fi
  # Written once the tier is known: registration needs neither file.
  render_env >"$work/agent.env"
  render_unit >"$work/unit"
  place_file "$work/agent.env" "$(p "$ENV_FILE")" 0600
  step "Writing settings" "ok ($ENV_FILE, tier $tier)"
  ensure_dir "$(p "$(dirname "$UNIT_FILE")")" 0755
  place_file "$work/unit" "$(p "$UNIT_FILE")" 0644
  step "Writing unit" "ok ($UNIT_FILE)"
  start_service

  finished=1
  local entry tpm_note="" identity_note="registered now" beacon_note="as the platform reports it (tier ALL only)"
  for entry in "${backups[@]}"; do rm -f "${entry#*|}"; done
  if [[ $tpm == none ]]; then tpm_note=" (UNATTESTED)"; fi
  if ((already)); then identity_note="kept from an earlier install"; fi
  if [[ -n $beacon_rpc ]]; then beacon_note="$beacon_address on $beacon_rpc"; fi
  cat <<EOF

Noderr node installed.
  platform   $platform
  tier       $tier (pinned at registration; the agent installs this tier's releases only)
  TPM        $tpm$tpm_note
  software   containers on $docker_host, health $health_url
  temporal   ${temporal:-from the platform}
  beacon     $beacon_note
  agent      $JAR (Java $java_version, $java_bin)
  settings   $ENV_FILE
  identity   $STATE_DIR/$IDENTITY_FILE ($identity_note)
  service    $SERVICE (enabled, running): systemctl status $SERVICE; journalctl -u $SERVICE -f
EOF
}

uninstall_node() {
  local removed=0 path state
  state=$(p "$STATE_DIR")
  if [[ -e $(p "$UNIT_FILE") ]]; then
    if systemctl disable --now "$SERVICE" >/dev/null 2>&1; then
      step "Stopping service $SERVICE" "ok (stopped, disabled)"
    else
      step "Stopping service $SERVICE" "systemctl disable --now failed; removing the unit anyway"
    fi
    rm -f "$(p "$UNIT_FILE")"
    systemctl daemon-reload >/dev/null 2>&1 || true
    removed=1
  fi
  for path in "$JAR" "$ENV_FILE"; do
    if [[ -e $(p "$path") ]]; then rm -f "$(p "$path")" && removed=1; fi
  done
  for path in "$OPT_DIR" "$ETC_DIR"; do
    if [[ -d $(p "$path") ]]; then rmdir "$(p "$path")" 2>/dev/null || say "    left $path (not empty)"; fi
  done
  if ((removed)); then
    step "Removing unit, agent and settings" "ok"
  else
    step "Removing unit, agent and settings" "nothing installed"
  fi
  if ((purge)); then
    if [[ -d $state ]]; then rm -rf "$state"; fi
    if ((!SKIP_USER)) && getent passwd "$SERVICE_USER" >/dev/null; then userdel "$SERVICE_USER" || true; fi
    step "Purging identity and user" "ok (the node needs a new install token to come back)"
  elif [[ -d $state ]]; then
    step "Keeping node identity" "$STATE_DIR (install.sh --uninstall --purge deletes it)"
  fi
  say ""
  say "Noderr node agent uninstalled. The node stays in the platform's registry until an admin retires it."
}

# ---------------------------------------------------------------------------------------------
check_os
check_arch
check_root
check_systemd
case $mode in
  uninstall)
    uninstall_node
    ;;
  install | check)
    check_java
    check_tpm
    check_docker
    check_tools
    if [[ $mode == check ]]; then
      say ""
      say "All checks passed; nothing was changed (--check-only)."
      exit 0
    fi
    install_node
    ;;
esac
