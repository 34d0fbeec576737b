#!/usr/bin/env bash
# Installs the system tools the test suite uses as oracles and harnesses, only when missing:
# HAProxy 2.6 and Keepalived 2.2.7 from Debian (the agreement tests ask them), iproute2 (network
# namespaces for keepalived -t); for the end-to-end suite in a real VS Code, Chromium, and what
# scripts/prepare-code-server.mjs needs to build code-server's native modules offline (a compiler,
# python3, the Kerberos headers) and Debian's ripgrep in place of the one code-server downloads.
# Safe to run repeatedly; needs root or sudo for apt-get.
set -euo pipefail

packages=()
command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || packages+=(haproxy)
command -v keepalived >/dev/null 2>&1 || [ -x /usr/sbin/keepalived ] || packages+=(keepalived)
command -v ip >/dev/null 2>&1 || [ -x /usr/sbin/ip ] || packages+=(iproute2)
[ -x /usr/bin/chromium ] || packages+=(chromium)
[ -f /usr/include/krb5.h ] || packages+=(libkrb5-dev)
command -v rg >/dev/null 2>&1 || packages+=(ripgrep)
{ command -v make && command -v g++; } >/dev/null 2>&1 || packages+=(build-essential)
command -v python3 >/dev/null 2>&1 || packages+=(python3)

if [ ${#packages[@]} -eq 0 ]; then
  echo "install-test-deps: everything is already installed"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "install-test-deps: need root (or sudo) to install: ${packages[*]}" >&2
    exit 1
  fi
fi

echo "install-test-deps: installing ${packages[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
