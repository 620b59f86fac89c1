#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with its own gnome-keyring (the Secret Service
# keytar talks to), unlocked, in throwaway XDG directories so it never meets a keyring left
# locked by someone else. Usage: test/keyring/with-keyring.sh COMMAND [ARGS...]
set -euo pipefail

if [ -z "${TSM_PRIVATE_KEYRING:-}" ]; then
  root=$(mktemp -d -t tsm-keyring.XXXXXX)
  trap 'rm -rf "$root"' EXIT
  mkdir -p "$root/data" "$root/config" "$root/cache" "$root/run"
  chmod 700 "$root/run"
  export TSM_PRIVATE_KEYRING="$root" XDG_DATA_HOME="$root/data" XDG_CONFIG_HOME="$root/config" \
    XDG_CACHE_HOME="$root/cache" XDG_RUNTIME_DIR="$root/run"
  unset DBUS_SESSION_BUS_ADDRESS GNOME_KEYRING_CONTROL
  # Not exec: the trap must clean the directories when the session ends.
  dbus-run-session -- "$0" "$@"
  exit $?
fi

# Inside the private bus: start the daemon and create/unlock the login keyring (a throwaway password).
eval "$(printf 'tsm-test-keyring' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
exec "$@"
