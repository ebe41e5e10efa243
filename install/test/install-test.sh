#!/usr/bin/env bash
#
# install-test.sh: tests install.sh without Java, systemd, a TPM, Docker or the network.
#
# Every case runs install.sh in its own throwaway root (NODERR_INSTALL_ROOT under mktemp -d),
# with a clean environment (env -i) and a PATH of fake tools first, then symlinks to the few
# real tools install.sh uses. The fakes (uname, java, systemctl, useradd, usermod, userdel,
# runuser, docker, curl and the agent behind NODERR_AGENT_CMD) record their arguments under the
# case's log/ directory. The Docker socket is a real unix socket (made with perl) that nothing
# serves: the fake docker answers for the engine. Nothing outside the temp directory is touched.
#
#   bash install/test/install-test.sh      # one line per case, then "N passed, N failed"
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
INSTALL_SH="$HERE/../install.sh"
SELF="$HERE/install-test.sh"
T="$(mktemp -d)"
trap 'rm -rf "$T"' EXIT

# A token of the platform's shape (nit_ + 43 URL-safe characters), easy to grep for.
TOKEN="nit_TESTsecret0123456789abcdefghijklmnopqrstuvw"
PLATFORM="https://platform.test:8443"

passed=0 failed=0 skipped=0

# ---------------------------------------------------------------------------------------------
# Fixture: real tools install.sh needs (symlinked, so PATH can leave java and systemctl out),
# the fake tools and a fake agent jar.
mkdir -p "$T/sysbin" "$T/fakes"
for tool in bash cat cp mv rm mkdir rmdir chmod chown stat id mktemp dirname basename sed head \
  readlink getent timeout touch sha256sum cut perl; do
  real="$(command -v "$tool")" || {
    echo "install-test: $tool not found" >&2
    exit 2
  }
  ln -s "$real" "$T/sysbin/$tool"
done

fake() { # fake NAME: body from stdin, after a shebang
  {
    echo '#!/bin/bash'
    cat
  } >"$T/fakes/$1"
  chmod 0755 "$T/fakes/$1"
}

# Records "NAME ARGS | token-in-env=yes|no" (the token must reach the agent only).
cat >"$T/record" <<'EOF'
record() {
  local name=$1 env=no
  shift
  [[ -n ${NODERR_INSTALL_TOKEN:-} ]] && env=yes
  printf '%s %s | token-in-env=%s\n' "$name" "$*" "$env" >>"$FAKE_LOG/calls.log"
  printf '%s\n' "$*" >>"$FAKE_LOG/$name.log"
}
EOF

fake uname <<'EOF'
case ${1:-} in
  -s) echo "${FAKE_UNAME_S:-Linux}" ;;
  -m) echo "${FAKE_UNAME_M:-x86_64}" ;;
  *) echo Linux ;;
esac
EOF

# java -version the way real JDKs print it (on stderr), FAKE_JAVA_VERSION decides which.
fake java <<'EOF'
if [[ ${1:-} == -version ]]; then
  [[ -n ${FAKE_JAVA_PREAMBLE:-} ]] && echo "$FAKE_JAVA_PREAMBLE" >&2
  echo "${FAKE_JAVA_KIND:-openjdk} version \"${FAKE_JAVA_VERSION:-21.0.5}\" 2024-10-15" >&2
  echo "OpenJDK Runtime Environment (build ${FAKE_JAVA_VERSION:-21.0.5}+11)" >&2
  exit 0
fi
echo "fake java: only -version works here" >&2
exit 1
EOF

# systemctl with just enough state (enabled/active files) for install.sh's questions.
fake systemctl <<'EOF'
source "$FAKE_RECORD"
record systemctl "$@"
verb=${1:-}
[[ $verb == "${FAKE_SYSTEMCTL_FAIL:-none}" ]] && { echo "Failed to $verb unit: fake failure" >&2; exit 1; }
state="$FAKE_LOG/systemd"
mkdir -p "$state"
case $verb in
  is-enabled) [[ -e $state/enabled ]] ;;
  is-active) [[ -e $state/active ]] ;;
  enable) touch "$state/enabled"; [[ ${2:-} == --now ]] && touch "$state/active"; exit 0 ;;
  disable) rm -f "$state/enabled"; [[ ${2:-} == --now ]] && rm -f "$state/active"; exit 0 ;;
  restart) touch "$state/active" ;;
  *) exit 0 ;;
esac
EOF

for tool in useradd usermod userdel; do
  fake "$tool" <<EOF
source "\$FAKE_RECORD"
record $tool "\$@"
exit 0
EOF
done

# runuser -u USER -- CMD...: records, then runs CMD as the current user.
fake runuser <<'EOF'
source "$FAKE_RECORD"
record runuser "$@"
while [[ $# -gt 0 && $1 != -- ]]; do shift; done
shift
exec "$@"
EOF

# docker info is a check, not a change: logged apart from calls.log, which checks must leave empty.
fake docker <<'EOF'
printf '%s\n' "$*" >>"$FAKE_LOG/docker.log"
[[ ${FAKE_DOCKER:-ok} == ok ]] && exit 0
echo "Cannot connect to the Docker daemon" >&2
exit 1
EOF

# make_socket PATH MODE: a unix socket file, as dockerd leaves one (the listener may go).
make_socket() {
  perl -MIO::Socket::UNIX -e 'IO::Socket::UNIX->new(Type => SOCK_STREAM(), Local => $ARGV[0], Listen => 1) or die "socket $ARGV[0]: $!\n"' "$1"
  chmod "$2" "$1"
}
make_socket "$T/docker.sock" 0666

# curl -o FILE URL: writes a jar-looking file when FAKE_CURL=ok, else fails like curl -f.
fake curl <<'EOF'
source "$FAKE_RECORD"
record curl "$@"
out=""
while [[ $# -gt 0 ]]; do [[ $1 == -o ]] && { out=$2; shift; }; shift; done
[[ ${FAKE_CURL:-fail} == ok ]] || { echo "curl: (22) The requested URL returned error: 404" >&2; exit 22; }
printf 'PK\003\004downloaded-jar' >"$out"
EOF

# The agent (NODERR_AGENT_CMD): records its arguments and a hash of the token it got from the
# environment (never the token), then writes an identity pinning the token's tier
# (FAKE_AGENT_TIER, default ALL) the way the agent does, or fails like the platform refused.
cat >"$T/fake-agent" <<'EOF'
#!/bin/bash
source "$FAKE_RECORD"
record agent "$@"
tok=none
[[ -n ${NODERR_INSTALL_TOKEN:-} ]] && tok=$(printf '%s' "$NODERR_INSTALL_TOKEN" | sha256sum | cut -c1-64)
echo "token-sha256=$tok" >>"$FAKE_LOG/agent-token.log"
state="" tier=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --state-dir) state=$2 && shift ;;
    --tier) tier=$2 && shift ;;
  esac
  shift
done
token_tier=${FAKE_AGENT_TIER:-ALL}
if [[ -n ${FAKE_AGENT_USAGE:-} ]]; then
  # An agent without --register-only answers like picocli: the reason, then the usage text.
  echo "Unknown option: '--register-only'" >&2
  printf '%s\n' "Usage: noderr-agent agent [-hV] --node-id=<nodeId>" "  -h, --help   Show this help message and exit." >&2
  exit 2
fi
if [[ -n ${FAKE_AGENT_FAIL:-} ]]; then
  echo "key.pem" >"$state/key.pem"   # a partial write the installer must clean up
  echo "Connecting to the platform..."
  # A JVM warning first and a trailing blank line: the installer must still pick the error.
  echo "WARNING: A restricted method in java.lang.System has been called" >&2
  echo "$FAKE_AGENT_FAIL" >&2
  echo >&2
  exit 1
fi
if [[ -n $tier && $tier != "$token_tier" ]]; then
  echo "error: install token is for tier $token_tier, not $tier" >&2
  exit 1
fi
printf '{\n  "nodeId" : "node-test-1",\n  "tier" : "%s"\n}' "$token_tier" >"$state/identity.json"
echo "node registered"
EOF
chmod 0755 "$T/fake-agent"

printf 'PK\003\004fake-agent-jar' >"$T/agent.jar"
TOKEN_SHA="$(printf '%s' "$TOKEN" | sha256sum | cut -c1-64)"

# ---------------------------------------------------------------------------------------------
# Per case: a fresh root, bin (fakes) and log directory.
new_case() {
  CASE_NAME=$1
  CASE="$(mktemp -d "$T/case.XXXXXX")"
  R="$CASE/root"
  LOG="$CASE/log"
  mkdir -p "$R" "$LOG" "$CASE/bin" "$CASE/jvm"
  cp -a "$T/fakes/." "$CASE/bin/"
  PROBLEMS=()
}

# run [VAR=VALUE | VAR=@unset]... -- ARGS...: runs install.sh in the case's root. The defaults
# make every check pass; a case overrides what it tests.
run() {
  local -A env=(
    [PATH]="$CASE/bin:$T/sysbin" [HOME]="$CASE" [LANG]=C
    [NODERR_INSTALL_ROOT]="$R" [NODERR_JVM_DIR]="$CASE/jvm" [NODERR_AGENT_CMD]="$T/fake-agent"
    [NODERR_INSTALL_TOKEN]="$TOKEN" [DOCKER_HOST]="unix://$T/docker.sock"
    [FAKE_LOG]="$LOG" [FAKE_RECORD]="$T/record"
  )
  while [[ $1 != -- ]]; do
    if [[ ${1#*=} == @unset ]]; then unset "env[${1%%=*}]"; else env[${1%%=*}]=${1#*=}; fi
    shift
  done
  shift
  local -a assignments=()
  local key
  for key in "${!env[@]}"; do assignments+=("$key=${env[$key]}"); done
  /usr/bin/env -i "${assignments[@]}" bash "$INSTALL_SH" "$@" </dev/null >"$CASE/out" 2>"$CASE/err"
  RC=$?
}

# Installs with the defaults plus the given options (no arguments: device /dev/null as "TPM").
DEFAULT_ARGS=(--platform "$PLATFORM" --tpm /dev/null --agent-jar "$T/agent.jar")

problem() { PROBLEMS+=("$*"); }
expect_rc() { [[ $RC -eq $1 ]] || problem "exit code $RC, expected $1 (stderr: $(head -c 300 "$CASE/err"))"; }
expect_file() { [[ -f $R$1 ]] || problem "missing $1"; }
expect_no() { [[ ! -e $R$1 ]] || problem "$1 should not exist"; }
expect_mode() {
  local mode
  mode="$(stat -c '%a' "$R$1" 2>/dev/null)"
  [[ $mode == "$2" ]] || problem "$1 has mode ${mode:-?}, expected $2"
}
expect_in() { grep -qF -- "$2" "$1" 2>/dev/null || problem "$(basename "$1") lacks '$2'"; }
expect_not_in() { ! grep -qF -- "$2" "$1" 2>/dev/null || problem "$(basename "$1") contains '$2'"; }
expect_one_stderr_line() {
  local lines
  lines="$(grep -c . "$CASE/err")"
  [[ $lines -eq 1 ]] || problem "stderr has $lines lines, expected 1: $(head -c 300 "$CASE/err")"
  expect_in "$CASE/err" "$1"
}
expect_empty_root() {
  local left
  left="$(cd "$R" && find . -mindepth 1 | head -5 | tr '\n' ' ')"
  [[ -z $left ]] || problem "left behind in the root: $left"
}
expect_no_token_anywhere() {
  local hits
  hits="$(grep -rlF -- "$TOKEN" "$R" "$LOG" "$CASE/out" "$CASE/err" 2>/dev/null | sed "s|$CASE/||" | tr '\n' ' ')"
  [[ -z $hits ]] || problem "token found in: $hits"
}

end_case() {
  if ((${#PROBLEMS[@]} == 0)); then
    printf 'PASS  %s\n' "$CASE_NAME"
    passed=$((passed + 1))
  else
    printf 'FAIL  %s\n' "$CASE_NAME"
    printf '        - %s\n' "${PROBLEMS[@]}"
    failed=$((failed + 1))
  fi
}
skip_case() {
  printf 'SKIP  %s: %s\n' "$CASE_NAME" "$1"
  skipped=$((skipped + 1))
}

# A checks-only failure: the exit code, one line on stderr, and nothing written or called.
expect_check_failure() { # CODE TEXT
  expect_rc "$1"
  expect_one_stderr_line "$2"
  expect_empty_root
  [[ ! -s $LOG/calls.log ]] || problem "tools were called before the checks passed: $(head -3 "$LOG/calls.log")"
}

# ---------------------------------------------------------------------------------------------
# Cases.

new_case "happy path: installs jar, settings (0600), state dir (0700), unit; registers; starts the service"
run -- "${DEFAULT_ARGS[@]}" --temporal temporal.test:7233
expect_rc 0
expect_file /opt/noderr-agent/noderr-agent.jar
expect_mode /opt/noderr-agent/noderr-agent.jar 644
expect_file /etc/noderr-agent/agent.env
expect_mode /etc/noderr-agent/agent.env 600
expect_mode /var/lib/noderr-agent 700
expect_file /var/lib/noderr-agent/identity.json
expect_file /etc/systemd/system/noderr-agent.service
expect_mode /etc/systemd/system/noderr-agent.service 644
expect_in "$R/etc/noderr-agent/agent.env" "NODERR_PLATFORM=\"$PLATFORM\""
expect_in "$R/etc/noderr-agent/agent.env" 'NODERR_TPM="/dev/null"'
expect_in "$R/etc/noderr-agent/agent.env" 'NODERR_TEMPORAL="temporal.test:7233"'
expect_in "$R/etc/noderr-agent/agent.env" 'NODERR_TIER="ALL"'
expect_in "$R/etc/noderr-agent/agent.env" "NODERR_DOCKER_HOST=\"unix://$T/docker.sock\""
expect_in "$R/etc/noderr-agent/agent.env" 'NODERR_HEALTH_URL="http://127.0.0.1:8081/health"'
expect_in "$LOG/docker.log" "-H unix://$T/docker.sock info"
expect_in "$CASE/out" "==> Checking Docker... ok ($T/docker.sock, "
expect_in "$CASE/out" "tier       ALL (pinned at registration"
expect_in "$LOG/calls.log" "systemctl daemon-reload"
expect_in "$LOG/calls.log" "systemctl enable --now noderr-agent"
expect_in "$LOG/useradd.log" "--system"
expect_in "$LOG/useradd.log" "noderr"
expect_in "$LOG/runuser.log" "-u noderr --"
expect_in "$LOG/agent.log" "agent --platform $PLATFORM --tpm /dev/null --state-dir $R/var/lib/noderr-agent --register-only"
expect_in "$CASE/out" "==> Checking Java... ok (21.0.5"
expect_in "$CASE/out" "Noderr node installed."
[[ ! -s $CASE/err ]] || problem "stderr not empty: $(head -c 300 "$CASE/err")"
leftovers="$(cd "$R" && find . -name '.*.new.*' -o -name '.*.old.*')"
[[ -z $leftovers ]] || problem "temp files left: $leftovers"
end_case
HAPPY_CASE=$CASE HAPPY_R=$R HAPPY_LOG=$LOG

new_case "happy path: unit has Restart=on-failure, hardening, DeviceAllow, no token"
CASE=$HAPPY_CASE R=$HAPPY_R LOG=$HAPPY_LOG
unit="$R/etc/systemd/system/noderr-agent.service"
for line in "User=noderr" "EnvironmentFile=/etc/noderr-agent/agent.env" "Restart=on-failure" \
  "NoNewPrivileges=yes" "ProtectSystem=strict" "ReadWritePaths=/var/lib/noderr-agent" \
  "PrivateTmp=yes" "DeviceAllow=/dev/null rw" "WantedBy=multi-user.target" \
  "-jar /opt/noderr-agent/noderr-agent.jar agent --platform \${NODERR_PLATFORM} --tpm \${NODERR_TPM} --state-dir /var/lib/noderr-agent --tier \${NODERR_TIER} --runtime docker --docker-host \${NODERR_DOCKER_HOST} --health-url \${NODERR_HEALTH_URL} --temporal \${NODERR_TEMPORAL}"; do
  expect_in "$unit" "$line"
done
grep -q "^ExecStart=$CASE/bin/java " "$unit" || problem "ExecStart does not start with the java found by the check: $(grep ExecStart "$unit")"
expect_not_in "$unit" "$R"
expect_not_in "$unit" "NODERR_INSTALL_TOKEN"
end_case

new_case "happy path: systemd-analyze verify accepts the unit (User=noderr swapped for root)"
CASE=$HAPPY_CASE R=$HAPPY_R LOG=$HAPPY_LOG
if ! command -v systemd-analyze >/dev/null 2>&1; then
  skip_case "systemd-analyze is not installed"
else
  # The user noderr does not exist here (fake useradd), and verify would reject the unit for it.
  sed -e 's/^User=noderr$/User=root/' -e 's/^Group=noderr$/Group=root/' \
    "$R/etc/systemd/system/noderr-agent.service" >"$CASE/noderr-agent.service"
  systemd-analyze verify --man=no "$CASE/noderr-agent.service" >"$CASE/verify" 2>&1 ||
    problem "systemd-analyze verify failed: $(grep -v 'PID 1\|PR_SET_MM' "$CASE/verify" | head -5)"
  ! grep -q "noderr-agent.service" "$CASE/verify" ||
    problem "systemd-analyze verify complained: $(grep noderr-agent.service "$CASE/verify" | head -5)"
  end_case
fi

new_case "happy path: the token reaches the agent only through its environment"
CASE=$HAPPY_CASE R=$HAPPY_R LOG=$HAPPY_LOG
expect_no_token_anywhere
expect_in "$LOG/agent-token.log" "token-sha256=$TOKEN_SHA"
expect_not_in "$LOG/agent.log" "--install-token"
grep -v '^runuser \|^agent ' "$LOG/calls.log" | grep -q 'token-in-env=yes' &&
  problem "a tool other than runuser/agent saw NODERR_INSTALL_TOKEN: $(grep 'token-in-env=yes' "$LOG/calls.log" | head -2)"
end_case

new_case "re-run is idempotent: skips registration, needs no token, refreshes files and restarts"
CASE=$HAPPY_CASE R=$HAPPY_R LOG=$HAPPY_LOG
before_identity="$(cat "$R/var/lib/noderr-agent/identity.json")"
: >"$LOG/calls.log"
run NODERR_INSTALL_TOKEN=@unset -- "${DEFAULT_ARGS[@]}" --temporal temporal.test:7233
expect_rc 0
expect_in "$CASE/out" "already registered"
[[ $(grep -c '^agent ' "$LOG/calls.log") -eq 0 ]] || problem "the agent was run again"
[[ $(cat "$R/var/lib/noderr-agent/identity.json") == "$before_identity" ]] || problem "identity.json changed"
expect_mode /etc/noderr-agent/agent.env 600
expect_in "$LOG/calls.log" "systemctl restart noderr-agent"
leftovers="$(cd "$R" && find . -name '.*.new.*' -o -name '.*.old.*')"
[[ -z $leftovers ]] || problem "temp files left: $leftovers"
end_case

new_case "re-run against another platform is refused (exit 2), nothing changed"
CASE=$HAPPY_CASE R=$HAPPY_R LOG=$HAPPY_LOG
cp "$R/etc/noderr-agent/agent.env" "$CASE/env.before"
run -- --platform https://other.test --tpm /dev/null --agent-jar "$T/agent.jar"
expect_rc 2
expect_one_stderr_line "registered with $PLATFORM"
cmp -s "$CASE/env.before" "$R/etc/noderr-agent/agent.env" || problem "agent.env changed"
end_case

new_case "re-run whose service start fails (exit 13) restores the previous files, keeps the identity"
CASE=$HAPPY_CASE R=$HAPPY_R LOG=$HAPPY_LOG
cp "$R/etc/noderr-agent/agent.env" "$CASE/env.before"
cp "$R/etc/systemd/system/noderr-agent.service" "$CASE/unit.before"
run FAKE_SYSTEMCTL_FAIL=restart -- --platform "$PLATFORM" --tpm none --agent-jar "$T/agent.jar"
expect_rc 13
expect_one_stderr_line "systemctl restart noderr-agent failed"
cmp -s "$CASE/env.before" "$R/etc/noderr-agent/agent.env" || problem "agent.env not restored"
cmp -s "$CASE/unit.before" "$R/etc/systemd/system/noderr-agent.service" || problem "unit not restored"
expect_file /var/lib/noderr-agent/identity.json
leftovers="$(cd "$R" && find . -name '.*.new.*' -o -name '.*.old.*')"
[[ -z $leftovers ]] || problem "temp files left: $leftovers"
end_case

new_case "--uninstall stops, disables and removes unit, jar and settings; keeps the identity"
CASE=$HAPPY_CASE R=$HAPPY_R LOG=$HAPPY_LOG
: >"$LOG/calls.log"
run -- --uninstall
expect_rc 0
expect_in "$LOG/calls.log" "systemctl disable --now noderr-agent"
expect_in "$LOG/calls.log" "systemctl daemon-reload"
expect_no /etc/systemd/system/noderr-agent.service
expect_no /opt/noderr-agent
expect_no /etc/noderr-agent
expect_file /var/lib/noderr-agent/identity.json
expect_in "$CASE/out" "--purge"
end_case

new_case "--uninstall --purge also deletes the state dir; a second uninstall finds nothing"
CASE=$HAPPY_CASE R=$HAPPY_R LOG=$HAPPY_LOG
run -- --uninstall --purge
expect_rc 0
expect_no /var/lib/noderr-agent
run -- --uninstall
expect_rc 0
expect_in "$CASE/out" "nothing installed"
end_case

new_case "registration refused: exit 12 with the agent's line, nothing left behind, no service"
run FAKE_AGENT_FAIL="error: install token expired" -- "${DEFAULT_ARGS[@]}"
expect_rc 12
expect_one_stderr_line "registration failed: install token expired"
expect_empty_root
expect_not_in "$LOG/calls.log" "systemctl"
expect_in "$LOG/calls.log" "userdel noderr"
expect_no_token_anywhere
end_case

new_case "agent that prints usage instead of one line: its first line is shown (exit 12)"
run FAKE_AGENT_USAGE=1 -- "${DEFAULT_ARGS[@]}"
expect_rc 12
expect_one_stderr_line "registration failed: Unknown option: '--register-only'"
expect_empty_root
end_case

new_case "registration refused on a machine with an earlier state dir: only the new entries go"
mkdir -p "$R/var/lib/noderr-agent"
echo keep >"$R/var/lib/noderr-agent/notes.txt"
run FAKE_AGENT_FAIL="error: install token expired" -- "${DEFAULT_ARGS[@]}"
expect_rc 12
expect_file /var/lib/noderr-agent/notes.txt
expect_no /var/lib/noderr-agent/key.pem
expect_no /opt
expect_no /etc
end_case

new_case "first install whose service start fails: exit 13, files undone, identity and user kept"
run FAKE_SYSTEMCTL_FAIL=enable -- "${DEFAULT_ARGS[@]}"
expect_rc 13
expect_one_stderr_line "systemctl enable --now noderr-agent failed"
expect_no /opt/noderr-agent
expect_no /etc/noderr-agent
expect_no /etc/systemd/system/noderr-agent.service
expect_file /var/lib/noderr-agent/identity.json
expect_not_in "$LOG/calls.log" "userdel"
expect_in "$CASE/out" "re-run install.sh (no token needed)"
run NODERR_INSTALL_TOKEN=@unset -- "${DEFAULT_ARGS[@]}"
expect_rc 0
end_case

new_case "--install-token: accepted, agent still gets it only via the environment, ps note"
run NODERR_INSTALL_TOKEN=@unset -- "${DEFAULT_ARGS[@]}" --install-token "$TOKEN"
expect_rc 0
expect_in "$LOG/agent-token.log" "token-sha256=$TOKEN_SHA"
expect_not_in "$LOG/calls.log" "$TOKEN"
expect_not_in "$CASE/out" "$TOKEN"
expect_in "$CASE/out" "visible to other users in ps"
end_case

new_case "no token and no terminal: exit 2, nothing written"
run NODERR_INSTALL_TOKEN=@unset -- "${DEFAULT_ARGS[@]}"
expect_check_failure 2 "install token is required"
end_case

new_case "NODERR_SKIP_USER_CREATE=1: no useradd, no runuser, agent run directly"
run NODERR_SKIP_USER_CREATE=1 -- "${DEFAULT_ARGS[@]}"
expect_rc 0
expect_not_in "$LOG/calls.log" "useradd"
expect_not_in "$LOG/calls.log" "runuser"
expect_in "$LOG/calls.log" "agent agent --platform"
end_case

new_case "no --agent-jar: downloads PLATFORM/downloads/noderr-agent.jar with curl"
run FAKE_CURL=ok -- --platform "$PLATFORM/" --tpm /dev/null
expect_rc 0
expect_in "$LOG/curl.log" "$PLATFORM/downloads/noderr-agent.jar"
expect_in "$R/opt/noderr-agent/noderr-agent.jar" "downloaded-jar"
end_case

new_case "download fails: exit 11 with one line, nothing left behind"
run FAKE_CURL=fail -- --platform "$PLATFORM" --tpm /dev/null
expect_rc 11
expect_one_stderr_line "could not download the agent from $PLATFORM/downloads/noderr-agent.jar"
expect_empty_root
end_case

new_case "--tpm none and --tpm tcp://: no DeviceAllow, UNATTESTED said for none"
run -- --platform "$PLATFORM" --tpm none --agent-jar "$T/agent.jar"
expect_rc 0
expect_not_in "$R/etc/systemd/system/noderr-agent.service" "DeviceAllow"
expect_in "$CASE/out" "UNATTESTED"
expect_in "$LOG/agent.log" "--tpm none"
new_case_root="$R"
R="$CASE/root2" && mkdir -p "$R"
run NODERR_INSTALL_ROOT="$R" -- --platform "$PLATFORM" --tpm tcp://127.0.0.1:2321 --agent-jar "$T/agent.jar"
expect_rc 0
expect_in "$R/etc/noderr-agent/agent.env" 'NODERR_TPM="tcp://127.0.0.1:2321"'
expect_not_in "$R/etc/systemd/system/noderr-agent.service" "DeviceAllow"
R=$new_case_root
end_case

new_case "--check-only passes and changes nothing"
run -- "${DEFAULT_ARGS[@]}" --check-only
expect_rc 0
expect_in "$CASE/out" "All checks passed"
expect_empty_root
end_case

# --- check failures: exit code, one stderr line, nothing written, no tool called --------------

new_case "check: not Linux (exit 3)"
run FAKE_UNAME_S=FreeBSD -- "${DEFAULT_ARGS[@]}"
expect_check_failure 3 "this installer is for Linux, this machine runs FreeBSD"
end_case

new_case "check: unsupported architecture (exit 4); aarch64 accepted"
run FAKE_UNAME_M=armv7l -- "${DEFAULT_ARGS[@]}"
expect_check_failure 4 "unsupported architecture armv7l"
run FAKE_UNAME_M=aarch64 -- "${DEFAULT_ARGS[@]}" --check-only
expect_rc 0
end_case

new_case "check: not root without NODERR_INSTALL_ROOT (exit 10)"
# --check-only too, so that even a broken root check could not touch this machine.
cat >"$CASE/bin/id" <<'EOF'
#!/bin/bash
[[ ${1:-} == -u ]] && { echo 1000; exit 0; }
exec /usr/bin/id "$@"
EOF
chmod 0755 "$CASE/bin/id"
run NODERR_INSTALL_ROOT=@unset -- "${DEFAULT_ARGS[@]}" --check-only
expect_check_failure 10 "run this installer as root"
end_case

new_case "check: systemctl present but systemd not running, real root only (exit 9)"
if [[ -d /run/systemd/system ]]; then
  skip_case "systemd runs on this machine"
else
  cat >"$CASE/bin/id" <<'EOF'
#!/bin/bash
[[ ${1:-} == -u ]] && { echo 0; exit 0; }
exec /usr/bin/id "$@"
EOF
  chmod 0755 "$CASE/bin/id"
  run NODERR_INSTALL_ROOT=@unset -- "${DEFAULT_ARGS[@]}" --check-only
  expect_check_failure 9 "systemd is not running on this machine"
  end_case
fi

new_case "check: systemctl missing (exit 9)"
rm "$CASE/bin/systemctl"
run -- "${DEFAULT_ARGS[@]}"
expect_check_failure 9 "systemctl not found"
end_case

new_case "check: no Java on PATH, JAVA_HOME or NODERR_JVM_DIR (exit 5)"
rm "$CASE/bin/java"
run -- "${DEFAULT_ARGS[@]}"
expect_check_failure 5 "Java 21 or newer not found"
end_case

new_case "check: Java 17.0.2 (exit 6)"
run FAKE_JAVA_VERSION=17.0.2 -- "${DEFAULT_ARGS[@]}"
expect_check_failure 6 "found only Java 17.0.2"
end_case

new_case "check: Java 1.8.0_392 is 8 (exit 6)"
run FAKE_JAVA_KIND=java FAKE_JAVA_VERSION=1.8.0_392 -- "${DEFAULT_ARGS[@]}"
expect_check_failure 6 "found only Java 1.8.0_392"
end_case

new_case "check: Java versions 21, 21.0.5, 25, 25-ea, 25.0.1 accepted, also after a 'Picked up' line"
for version in 21 21.0.5 25 25-ea 25.0.1; do
  run FAKE_JAVA_VERSION="$version" FAKE_JAVA_PREAMBLE="Picked up JAVA_TOOL_OPTIONS: -Dfoo=\"1\"" -- "${DEFAULT_ARGS[@]}" --check-only
  expect_rc 0
  expect_in "$CASE/out" "==> Checking Java... ok ($version,"
done
end_case

new_case "check: JAVA_HOME first, then PATH, then NODERR_JVM_DIR; a too-old one is skipped"
rm "$CASE/bin/java"
mkdir -p "$CASE/jvm/jdk-21/bin" "$CASE/home17/bin"
cp "$T/fakes/java" "$CASE/jvm/jdk-21/bin/java"
cat >"$CASE/home17/bin/java" <<'EOF'
#!/bin/bash
echo 'openjdk version "17.0.2" 2022-01-18' >&2
EOF
chmod 0755 "$CASE/home17/bin/java"
run JAVA_HOME="$CASE/home17" -- "${DEFAULT_ARGS[@]}"
expect_rc 0
expect_in "$CASE/out" "ok (21.0.5, $CASE/jvm/jdk-21/bin/java)"
expect_in "$R/etc/systemd/system/noderr-agent.service" "ExecStart=$CASE/jvm/jdk-21/bin/java "
end_case

new_case "check: TPM device missing (exit 7)"
run -- --platform "$PLATFORM" --tpm /dev/tpm-does-not-exist --agent-jar "$T/agent.jar"
expect_check_failure 7 "TPM device /dev/tpm-does-not-exist does not exist"
end_case

new_case "check: no --tpm and no /dev/tpmrm0 (exit 7, tells to pass --tpm none or a simulator)"
if [[ -e /dev/tpmrm0 ]]; then
  skip_case "this machine has /dev/tpmrm0"
else
  run -- --platform "$PLATFORM" --agent-jar "$T/agent.jar"
  expect_check_failure 7 "pass --tpm none"
  end_case
fi

new_case "check: TPM path that is not a character device (exit 7)"
touch "$CASE/tpm-file"
run -- --platform "$PLATFORM" --tpm "$CASE/tpm-file" --agent-jar "$T/agent.jar"
expect_check_failure 7 "is not a character device"
end_case

new_case "check: TPM device not readable+writable by noderr or tss (exit 7)"
locked=""
for dev in /dev/console /dev/tty0 /dev/kmsg /dev/hwrng /dev/cpu_dma_latency /dev/mem; do
  [[ -c $dev ]] || continue
  read -r group mode < <(stat -L -c '%G %a' "$dev")
  if ((((8#$mode) & 6) != 6)) && [[ $group != tss && $group != noderr ]]; then
    locked=$dev
    break
  fi
done
if [[ -z $locked ]]; then
  skip_case "no character device without rw for others found in /dev"
else
  run -- --platform "$PLATFORM" --tpm "$locked" --agent-jar "$T/agent.jar"
  expect_check_failure 7 "is not readable and writable by user noderr"
  end_case
fi

new_case "check: no Docker socket (exit 8); --no-docker-check installs anyway, still runtime docker"
run DOCKER_HOST="unix://$CASE/no-docker.sock" -- "${DEFAULT_ARGS[@]}"
expect_check_failure 8 "Docker is not available: no socket at $CASE/no-docker.sock"
run DOCKER_HOST="unix://$CASE/no-docker.sock" -- "${DEFAULT_ARGS[@]}" --no-docker-check
expect_rc 0
expect_in "$CASE/out" "Checking Docker... skipped (--no-docker-check)"
expect_in "$R/etc/systemd/system/noderr-agent.service" "--runtime docker"
end_case

new_case "check: Docker socket that user noderr cannot read and write (exit 8, says group docker)"
make_socket "$CASE/private.sock" 0600
run -- "${DEFAULT_ARGS[@]}" --docker-host "unix://$CASE/private.sock"
expect_check_failure 8 "is not readable and writable by user noderr: give it to group docker"
end_case

new_case "check: a root:docker 0660 socket passes (noderr joins docker), so does one the caller can use under NODERR_SKIP_USER_CREATE"
make_socket "$CASE/group.sock" 0660
if ! getent group docker >/dev/null || ! chgrp docker "$CASE/group.sock" 2>/dev/null; then
  skip_case "no group docker here, or not allowed to chgrp to it"
else
  run -- "${DEFAULT_ARGS[@]}" --docker-host "unix://$CASE/group.sock" --check-only
  expect_rc 0
  expect_in "$CASE/out" "==> Checking Docker... ok ($CASE/group.sock, $(id -un):docker 660)"
  make_socket "$CASE/private.sock" 0600
  run NODERR_SKIP_USER_CREATE=1 -- "${DEFAULT_ARGS[@]}" --docker-host "unix://$CASE/private.sock" --check-only
  expect_rc 0
  end_case
fi

new_case "check: Docker Engine that does not answer on the socket (exit 8)"
run FAKE_DOCKER=fail -- "${DEFAULT_ARGS[@]}"
expect_check_failure 8 "the Docker Engine at $T/docker.sock does not answer"
end_case

new_case "--health-url and --docker-host reach agent.env; the unit passes them to --runtime docker"
make_socket "$CASE/engine.sock" 0666
run -- "${DEFAULT_ARGS[@]}" --health-url http://127.0.0.1:9100/healthz --docker-host "unix://$CASE/engine.sock"
expect_rc 0
expect_in "$R/etc/noderr-agent/agent.env" 'NODERR_HEALTH_URL="http://127.0.0.1:9100/healthz"'
expect_in "$R/etc/noderr-agent/agent.env" "NODERR_DOCKER_HOST=\"unix://$CASE/engine.sock\""
expect_in "$LOG/docker.log" "-H unix://$CASE/engine.sock info"
expect_in "$CASE/out" "software   containers on unix://$CASE/engine.sock, health http://127.0.0.1:9100/healthz"
end_case

new_case "usage: bad --health-url, --docker-host or --tier, ORACLE without a beacon (exit 2)"
run -- "${DEFAULT_ARGS[@]}" --health-url http://127.0.0.1/health
expect_check_failure 2 "--health-url must be an http(s) URL with a port"
run -- "${DEFAULT_ARGS[@]}" --health-url http://127.0.0.1:65535/health
expect_check_failure 2 "--health-url must be an http(s) URL with a port below 65535"
run -- "${DEFAULT_ARGS[@]}" --docker-host tcp://127.0.0.1:2375
expect_check_failure 2 "--docker-host must be unix:///PATH"
run -- "${DEFAULT_ARGS[@]}" --tier MOON
expect_check_failure 2 "--tier must be ALL, ORACLE or GUARDIAN, got 'MOON'"
run -- "${DEFAULT_ARGS[@]}" --tier ORACLE
expect_check_failure 2 "tier ORACLE checks releases on chain: give --beacon-rpc URL and --beacon-address"
end_case

BEACON=(--beacon-rpc https://rpc.test:8545 --beacon-address "0x$(printf 'a%.0s' {1..40})")

new_case "tier: registration pins the token's tier (ORACLE, with a beacon); a re-run keeps it, refuses another"
run FAKE_AGENT_TIER=ORACLE -- "${DEFAULT_ARGS[@]}" "${BEACON[@]}"
expect_rc 0
expect_in "$R/etc/noderr-agent/agent.env" 'NODERR_TIER="ORACLE"'
expect_in "$R/etc/systemd/system/noderr-agent.service" "--tier \${NODERR_TIER}"
expect_not_in "$LOG/agent.log" "--tier"
expect_in "$CASE/out" "==> Writing settings... ok (/etc/noderr-agent/agent.env, tier ORACLE)"
run NODERR_INSTALL_TOKEN=@unset -- "${DEFAULT_ARGS[@]}" "${BEACON[@]}" --tier ORACLE
expect_rc 0
expect_in "$CASE/out" "already registered (/var/lib/noderr-agent/identity.json, tier ORACLE)"
cp "$R/etc/noderr-agent/agent.env" "$CASE/env.before"
run NODERR_INSTALL_TOKEN=@unset -- "${DEFAULT_ARGS[@]}" "${BEACON[@]}" --tier GUARDIAN
expect_rc 2
expect_one_stderr_line "this node is pinned to tier ORACLE, not GUARDIAN"
cmp -s "$CASE/env.before" "$R/etc/noderr-agent/agent.env" || problem "agent.env changed"
end_case

new_case "tier: --tier goes to registration, which refuses another tier than the token's (exit 12)"
run -- "${DEFAULT_ARGS[@]}" --tier GUARDIAN "${BEACON[@]}"
expect_rc 12
expect_one_stderr_line "registration failed: install token is for tier ALL, not GUARDIAN"
expect_in "$LOG/agent.log" "--register-only --tier GUARDIAN"
expect_empty_root
end_case

new_case "tier: a GUARDIAN token without a beacon: exit 2 after registration, identity kept; a re-run with one works"
run FAKE_AGENT_TIER=GUARDIAN -- "${DEFAULT_ARGS[@]}"
expect_rc 2
expect_one_stderr_line "tier GUARDIAN checks releases on chain"
expect_file /var/lib/noderr-agent/identity.json
expect_no /etc/noderr-agent
expect_no /etc/systemd/system/noderr-agent.service
expect_in "$CASE/out" "re-run install.sh (no token needed)"
run NODERR_INSTALL_TOKEN=@unset -- "${DEFAULT_ARGS[@]}" "${BEACON[@]}"
expect_rc 0
expect_in "$R/etc/noderr-agent/agent.env" 'NODERR_TIER="GUARDIAN"'
end_case

new_case "tier: an identity that pins no tier is refused on a re-run (exit 1), nothing changed"
mkdir -p "$R/var/lib/noderr-agent"
echo '{"nodeId":"node-old"}' >"$R/var/lib/noderr-agent/identity.json"
run NODERR_INSTALL_TOKEN=@unset -- "${DEFAULT_ARGS[@]}"
expect_rc 1
expect_one_stderr_line "pins no known tier"
expect_no /opt
expect_no /etc
end_case

new_case "usage: missing --platform (exit 2)"
run -- --tpm /dev/null --agent-jar "$T/agent.jar"
expect_check_failure 2 "--platform URL is required"
end_case

new_case "usage: bad --platform, bad --temporal, --purge alone, stray word not echoed (exit 2)"
run -- --platform ftp://x --tpm /dev/null
expect_check_failure 2 "--platform must be an http(s) URL"
run -- --platform "$PLATFORM" --temporal nohostport
expect_check_failure 2 "--temporal must be HOST:PORT"
run -- --purge
expect_check_failure 2 "--purge goes with --uninstall"
run -- --platform "$PLATFORM" "$TOKEN"
expect_check_failure 2 "unexpected argument (not shown"
expect_not_in "$CASE/err" "$TOKEN"
end_case

new_case "beacon: --beacon-rpc and --beacon-address reach agent.env and the unit"
BEACON_ADDRESS="0x$(printf '1%.0s' {1..40})"
run -- "${DEFAULT_ARGS[@]}" --beacon-rpc https://rpc.test:8545 --beacon-address "$BEACON_ADDRESS"
expect_rc 0
expect_in "$R/etc/noderr-agent/agent.env" 'NODERR_BEACON_RPC_URL="https://rpc.test:8545"'
expect_in "$R/etc/noderr-agent/agent.env" "NODERR_BEACON_ADDRESS=\"$BEACON_ADDRESS\""
expect_in "$R/etc/systemd/system/noderr-agent.service" \
  "--beacon-rpc \${NODERR_BEACON_RPC_URL} --beacon-address \${NODERR_BEACON_ADDRESS}"
expect_in "$CASE/out" "beacon     $BEACON_ADDRESS on https://rpc.test:8545"
end_case

new_case "usage: --beacon-rpc without --beacon-address, bad beacon URL or address (exit 2)"
run -- "${DEFAULT_ARGS[@]}" --beacon-rpc https://rpc.test:8545
expect_check_failure 2 "--beacon-rpc and --beacon-address go together"
run -- "${DEFAULT_ARGS[@]}" --beacon-rpc ftp://rpc.test --beacon-address "0x$(printf '1%.0s' {1..40})"
expect_check_failure 2 "--beacon-rpc must be an http(s) URL"
run -- "${DEFAULT_ARGS[@]}" --beacon-rpc https://rpc.test --beacon-address 0x1234
expect_check_failure 2 "--beacon-address must be 0x and 40 hex digits"
end_case

new_case "--help prints usage and the exit codes"
run -- --help
expect_rc 0
expect_in "$CASE/out" "exit codes:"
expect_in "$CASE/out" "12 registration refused"
end_case

for script in "$INSTALL_SH" "$SELF"; do
  new_case "shellcheck $(basename "$script")"
  if ! command -v shellcheck >/dev/null 2>&1; then
    skip_case "shellcheck is not installed (apt-get install shellcheck)"
  else
    shellcheck -x "$script" >"$CASE/out" 2>&1 || problem "$(head -c 2000 "$CASE/out")"
    end_case
  fi
done

echo
echo "$passed passed, $failed failed, $skipped skipped"
((failed == 0))
