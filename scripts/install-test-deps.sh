#!/usr/bin/env bash
# Installs the system tools the test suite uses as oracles and harnesses, only when missing:
# HAProxy 2.6 and Keepalived 2.2.7 from Debian (the agreement tests ask them), iproute2 (network
# namespaces for keepalived -t and the failover lab), psmisc and procps (the lab's tracked checks
# call killall; its tests look for stray processes with pgrep), OpenSSH (the `ssh` preset of the
# daemon checks is tested against a real sshd on loopback); for the end-to-end suite in a real VS Code, Chromium, and what
# scripts/prepare-code-server.mjs needs to build code-server's native modules offline (a compiler,
# python3, the Kerberos headers) and Debian's ripgrep in place of the one code-server downloads.
# Then the second oracle versions, HAProxy 3.0 and Keepalived 2.3, unpacked (not installed) into
# .cache/newer-daemons by scripts/install-newer-daemons.sh (patchelf is for that); when that fails
# this script still succeeds and the tests that need them skip with one printed line.
# Safe to run repeatedly; needs root or sudo for apt-get.
set -euo pipefail

packages=()
command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || packages+=(haproxy)
command -v keepalived >/dev/null 2>&1 || [ -x /usr/sbin/keepalived ] || packages+=(keepalived)
command -v ip >/dev/null 2>&1 || [ -x /usr/sbin/ip ] || packages+=(iproute2)
command -v killall >/dev/null 2>&1 || packages+=(psmisc)
{ command -v pgrep && command -v sysctl; } >/dev/null 2>&1 || [ -x /usr/sbin/sysctl ] || packages+=(procps)
[ -x /usr/bin/chromium ] || packages+=(chromium)
[ -f /usr/include/krb5.h ] || packages+=(libkrb5-dev)
command -v rg >/dev/null 2>&1 || packages+=(ripgrep)
{ command -v make && command -v g++; } >/dev/null 2>&1 || packages+=(build-essential)
command -v python3 >/dev/null 2>&1 || packages+=(python3)
command -v patchelf >/dev/null 2>&1 || packages+=(patchelf)
command -v ssh >/dev/null 2>&1 || packages+=(openssh-client)
[ -x /usr/sbin/sshd ] || packages+=(openssh-server)

sudo=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo="sudo"; fi

if [ ${#packages[@]} -eq 0 ]; then
  echo "install-test-deps: every system package is already installed"
else
  if [ "$(id -u)" -ne 0 ] && [ -z "$sudo" ]; then
    echo "install-test-deps: need root (or sudo) to install: ${packages[*]}" >&2
    exit 1
  fi
  echo "install-test-deps: installing ${packages[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

# Optional: without them the agreement tests at HAProxy 3.0 and Keepalived 2.3 skip.
if ! $sudo bash "$(dirname "$0")/install-newer-daemons.sh" >/tmp/install-newer-daemons.log 2>&1; then
  echo "install-test-deps: HAProxy 3.0 / Keepalived 2.3 not set up (tests at those versions will skip; see /tmp/install-newer-daemons.log)"
else
  tail -n 1 /tmp/install-newer-daemons.log
fi

# Neovim for the real-editor LSP test (test/editors/neovim.test.ts); it skips when nvim is missing
# outside CI.
if ! command -v nvim >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] || [ -n "$sudo" ]; then
    echo "install-test-deps: installing neovim"
    $sudo apt-get update -qq || true
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends neovim >/dev/null \
      || echo "install-test-deps: neovim not installed (the Neovim client test will skip)"
  fi
fi

# Emacs with Eglot for the real-editor LSP test (test/editors/emacs.test.ts); it skips when either
# is missing outside CI. Emacs 29 and newer carry Eglot; Debian 12's Emacs 28 needs elpa-eglot.
emacs_has_eglot() { emacs --batch --eval "(require 'eglot)" >/dev/null 2>&1; }
if ! emacs_has_eglot && { [ "$(id -u)" -eq 0 ] || [ -n "$sudo" ]; }; then
  echo "install-test-deps: installing emacs-nox (and elpa-eglot if Emacs has no Eglot)"
  $sudo apt-get update -qq || true
  command -v emacs >/dev/null 2>&1 \
    || DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends emacs-nox >/dev/null \
    || true
  emacs_has_eglot \
    || DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends elpa-eglot >/dev/null \
    || true
  emacs_has_eglot || echo "install-test-deps: emacs with eglot not installed (the Emacs client test will skip)"
fi
