#!/usr/bin/env bash
# Puts a second version of each daemon beside the system's (Debian 12: HAProxy 2.6, Keepalived
# 2.2.7) for the agreement tests: HAProxy 3.0 and Keepalived 2.3 as Debian 13 ("trixie") packages
# them. Nothing is installed: the packages and the libraries they need are downloaded with apt-get
# through a private apt configuration, unpacked into DIR, and run with their own C library.
#
#   usage: scripts/install-newer-daemons.sh [DIR]      (default: .cache/newer-daemons, git-ignored)
#   then:  DIR/bin/haproxy-3.0 -c -f haproxy.cfg
#          ip netns exec NS timeout 20 DIR/bin/keepalived-2.3 -t -f keepalived.conf
#
# Idempotent: when both wrappers already answer `-v`, it does nothing. Needs apt-get, dpkg and
# patchelf (scripts/install-test-deps.sh installs it); usually run as root. The system's own apt
# state (sources, lists, cache) is never touched; the mirror is whichever one the system's Debian
# sources already name.
set -euo pipefail
trap 'echo "install-newer-daemons: failed at line $LINENO" >&2' ERR

project=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-$project/.cache/newer-daemons}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
bin=$dir/bin

works() {
  "$bin/haproxy-3.0" -v >/dev/null 2>&1 && "$bin/keepalived-2.3" -v >/dev/null 2>&1
}

if [ -x "$bin/haproxy-3.0" ] && [ -x "$bin/keepalived-2.3" ] && works; then
  echo "install-newer-daemons: already in $dir"
  exit 0
fi

for tool in apt-get apt-cache dpkg patchelf; do
  command -v "$tool" >/dev/null 2>&1 || { echo "install-newer-daemons: $tool is missing" >&2; exit 1; }
done

# The mirror and its key, read from the system's own Debian sources (deb822 or one-line form);
# the security archive has no trixie suite of the same shape, so it is skipped.
mirror=""
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
for sources in /etc/apt/sources.list.d/*.sources; do
  [ -f "$sources" ] || continue
  uri=$(awk '/^URIs:/ { for (i = 2; i <= NF; i++) if ($i !~ /security/) { print $i; exit } }' "$sources")
  if [ -n "$uri" ]; then
    mirror=$uri
    key=$(awk '/^Signed-By:/ { print $2; exit }' "$sources")
    [ -n "$key" ] && [ -f "$key" ] && keyring=$key
    break
  fi
done
if [ -z "$mirror" ] && [ -f /etc/apt/sources.list ]; then
  mirror=$(awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { if ($i !~ /security/) print $i; break } }' \
    /etc/apt/sources.list | head -n 1)
fi
[ -n "$mirror" ] || { echo "install-newer-daemons: no Debian mirror in the system's apt sources" >&2; exit 1; }

apt_dir=$dir/apt
mkdir -p "$apt_dir/sources" "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$dir/debs"
cat >"$apt_dir/sources/trixie.sources" <<EOF
Types: deb
URIs: $mirror
Suites: trixie
Components: main
Signed-By: $keyring
EOF
apt_options=(
  -o Dir::Etc::sourcelist=/dev/null
  -o "Dir::Etc::sourceparts=$apt_dir/sources"
  -o "Dir::State::Lists=$apt_dir/lists"
  -o "Dir::State::status=/dev/null"
  -o "Dir::Cache=$apt_dir/cache"
)

export DEBIAN_FRONTEND=noninteractive
apt-get "${apt_options[@]}" update -qq

# The two daemons and every library they need, recursively; tools and scripts they recommend or
# merely depend on for packaging (adduser, debconf...) are left out.
packages=$(apt-cache "${apt_options[@]}" depends --recurse --no-recommends --no-suggests \
  --no-conflicts --no-breaks --no-replaces --no-enhances haproxy keepalived |
  grep -E '^(lib[a-z0-9]|zlib|haproxy$|keepalived$)' | sort -u)

cd "$dir/debs"
for package in $packages; do
  compgen -G "${package}_*.deb" >/dev/null && continue
  apt-get "${apt_options[@]}" download "$package/trixie" >/dev/null 2>&1 ||
    echo "install-newer-daemons: could not download $package (skipped)" >&2
done
compgen -G 'haproxy_*.deb' >/dev/null && compgen -G 'keepalived_*.deb' >/dev/null ||
  { echo "install-newer-daemons: the haproxy or keepalived package was not downloaded" >&2; exit 1; }

root=$dir/root
rm -rf "$root"
mkdir -p "$root"
for deb in *.deb; do dpkg -x "$deb" "$root"; done

# The newer C library's directory and loader (x86_64-linux-gnu on these machines).
libc=$(find "$root/usr/lib" -name libc.so.6 | head -n 1)
[ -n "$libc" ] || { echo "install-newer-daemons: no C library among the extracted packages" >&2; exit 1; }
libs=$(dirname "$libc")
loader=$(find "$libs" -maxdepth 1 -name 'ld-linux*.so.*' | head -n 1)
[ -n "$loader" ] || { echo "install-newer-daemons: no dynamic loader in $libs" >&2; exit 1; }
library_path=$libs
[ -d "$root/lib/$(basename "$libs")" ] && library_path=$library_path:$root/lib/$(basename "$libs")

mkdir -p "$bin"
# HAProxy: started through the newer loader, which is told where the newer libraries are.
cat >"$bin/haproxy-3.0" <<EOF
#!/bin/sh
exec "$loader" --library-path "$library_path" "$root/usr/sbin/haproxy" "\$@"
EOF
# Keepalived re-executes itself and reads <executable>.config-opts beside it, so it needs a real
# executable whose interpreter is the newer loader; the library path is set for this command only
# (set globally it would break every other program).
cp "$root/usr/sbin/keepalived" "$bin/keepalived-2.3.bin"
patchelf --set-interpreter "$loader" "$bin/keepalived-2.3.bin"
cp "$root/etc/keepalived/keepalived.config-opts" "$bin/keepalived-2.3.bin.config-opts"
cat >"$bin/keepalived-2.3" <<EOF
#!/bin/sh
LD_LIBRARY_PATH="$library_path"
export LD_LIBRARY_PATH
exec "$bin/keepalived-2.3.bin" "\$@"
EOF
chmod +x "$bin/haproxy-3.0" "$bin/keepalived-2.3"

works || { echo "install-newer-daemons: the extracted daemons do not start" >&2; exit 1; }
echo "install-newer-daemons: $("$bin/haproxy-3.0" -v | head -n 1)"
echo "install-newer-daemons: $("$bin/keepalived-2.3" -v 2>&1 | head -n 1)"
