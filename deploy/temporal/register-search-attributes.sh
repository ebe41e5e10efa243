#!/bin/sh
# Registers the platform's search attributes (deploy/temporal/search-attributes.txt: "Name Type"
# per line) in the namespace, once Temporal serves. Safe to re-run: attributes that exist are
# kept. Runs in the Temporal image (its `temporal` CLI) as compose's one-shot temporal-setup.
set -eu
attributes=${1:-/etc/noderr/search-attributes.txt}
namespace=${NODERR_TEMPORAL_NAMESPACE:-default}
address=${TEMPORAL_ADDRESS:-temporal:7233}

tries=0
until temporal operator search-attribute list --address "$address" --namespace "$namespace" >/dev/null 2>&1; do
  tries=$((tries + 1))
  [ "$tries" -lt 120 ] || { echo "temporal-setup: namespace $namespace not served at $address after 2 minutes" >&2; exit 1; }
  sleep 1
done

existing=$(temporal operator search-attribute list --address "$address" --namespace "$namespace")
grep -v '^[[:space:]]*\(#\|$\)' "$attributes" | while read -r name type; do
  if printf '%s\n' "$existing" | grep -qw "$name"; then
    echo "temporal-setup: $name already registered"
  else
    temporal operator search-attribute create --address "$address" --namespace "$namespace" \
      --name "$name" --type "$type"
    echo "temporal-setup: registered $name ($type)"
  fi
done
