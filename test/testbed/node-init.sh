#!/bin/sh
# Runs as root inside a test-bed node's namespaces (network + mount from `ip netns exec`, UTS
# from unshare), then becomes sshd. Gives the node its hostname and, in this mount namespace
# only, a /dev with the captured /dev/disk links of the node's fixture disks, and a
# /sys/class/net whose fixture NICs have a `device` (a PCI NIC as on a server; veths have
# none), so the collection script treats them as physical and asks ethtool about them. The
# node's /etc/resolv.conf is <node dir>/resolv.conf, which the plant services rewrite in place.
# Usage: node-init.sh <hostname> <node dir> <command...>
set -e
hostname "$1"
state=$2
shift 2
if [ -s "$state/disk-links" ]; then
  dev="$state/dev"
  mkdir -p "$dev"
  mount -t tmpfs -o mode=755,size=1m sitekit-tb-dev "$dev"
  for e in null zero full random urandom tty; do
    [ -e "/dev/$e" ] || continue
    : > "$dev/$e"
    mount --bind "/dev/$e" "$dev/$e"
  done
  for d in pts shm; do
    [ -d "/dev/$d" ] || continue
    mkdir "$dev/$d"
    mount --rbind "/dev/$d" "$dev/$d"
  done
  [ -e /dev/ptmx ] && : > "$dev/ptmx" && mount --bind /dev/ptmx "$dev/ptmx"
  ln -s /proc/self/fd "$dev/fd"
  ln -s /proc/self/fd/0 "$dev/stdin"
  ln -s /proc/self/fd/1 "$dev/stdout"
  ln -s /proc/self/fd/2 "$dev/stderr"
  while IFS='	' read -r link target; do
    [ -n "$link" ] || continue
    mkdir -p "$dev/disk/${link%/*}"
    ln -s "$target" "$dev/disk/$link"
  done < "$state/disk-links"
  mount --rbind "$dev" /dev
fi
if [ -s "$state/pci-nics" ]; then
  mount -t tmpfs -o mode=755,size=1m sitekit-tb-net /sys/class/net
  for real in /sys/devices/virtual/net/*; do
    name=${real##*/}
    mkdir "/sys/class/net/$name"
    for f in "$real"/*; do ln -s "$f" "/sys/class/net/$name/"; done
  done
  while IFS='	' read -r nic driver; do
    [ -d "/sys/class/net/$nic" ] || continue
    mkdir -p "$state/pci/$nic" "$state/pci/drivers/$driver"
    ln -sfn "$state/pci/drivers/$driver" "$state/pci/$nic/driver"
    ln -s "$state/pci/$nic" "/sys/class/net/$nic/device"
  done < "$state/pci-nics"
fi
if [ -f "$state/resolv.conf" ]; then
  mount --bind "$state/resolv.conf" /etc/resolv.conf
fi
exec "$@"
