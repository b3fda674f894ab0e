// The one collection script. It is a fixed text shipped with the app: nothing from the plan or
// the user is ever put into a command line. The only data it gets are the plant requests (one
// line of checked tokens per question, appended as a quoted here-document: no expansion happens
// inside it, and the script checks every token again before using it as an argument) and, on a
// live probe only, registry credentials as shell variables (core/plant/script.ts).
//
// Every command reads /dev/null as stdin: the script itself arrives on stdin (`sh -s`), and a
// command that read stdin would eat the rest of the script.
import { PLANT_PRINT, PLANT_SHELL_FUNCTIONS, plantScriptData, type PlantScriptInput } from '../../plant/script';

export const COLLECT_SCRIPT_VERSION = '2';
/** Script versions whose captures this Sitekit reads (v1: no plant sections, dns/<name> sections). */
export const READABLE_SCRIPT_VERSIONS: readonly string[] = ['1', '2'];
export const COLLECT_COMMAND = '/bin/sh -s';
export const SECTION_LIMIT_BYTES = 1024 * 1024;

const BODY = String.raw`# sitekit-collect v${COLLECT_SCRIPT_VERSION}: hardware facts and the plant's services, read-only, for ACP Sitekit.
# It changes no setting. The only file it writes is its own private temporary folder of check
# outputs (mktemp -d), removed at the end, also when it is interrupted. Run it as root or as a
# user with passwordless sudo for the complete picture (dmidecode, lldpctl need root); without
# root the sections that need it report that plainly.
# By hand (BMC console, live image):   sh sitekit-collect.sh > node1.txt
# then on the laptop:                  sitekit probe site.yaml --import node1.txt --node node1
PATH="$PATH:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
LC_ALL=C
export PATH LC_ALL
# Never trace: a live probe's script holds registry credentials in shell variables.
set +x +v
SK_V=${COLLECT_SCRIPT_VERSION}
SK_LIMIT=${SECTION_LIMIT_BYTES}
exec 4>&1
SK_N=$(tr -d '-' </proc/sys/kernel/random/uuid 2>/dev/null)
[ -n "$SK_N" ] || SK_N="p$$t$(date +%s)"
if command -v timeout >/dev/null 2>&1; then SK_TO="timeout -k 2 20"; else SK_TO=""; fi
if printf x | head -c 1 >/dev/null 2>&1; then SK_HEAD="head -c $SK_LIMIT"; else SK_HEAD="cat"; fi
if [ "$(id -u)" = 0 ]; then SK_SUDO=""; SK_PRIV=root
elif command -v sudo >/dev/null 2>&1 && sudo -n true </dev/null >/dev/null 2>&1; then SK_SUDO="sudo -n"; SK_PRIV=sudo
else SK_SUDO=""; SK_PRIV=none; fi

# One section: stdout bounded, the last 8 KiB of stderr, the exit code.
sk_section() {
  sk_name=$1; shift
  printf '=====SITEKIT-BEGIN %s %s=====\n' "$SK_N" "$sk_name"
  sk_cap=$( { { "$@" </dev/null 2>&5 5>&-; echo "SKRC=$?" >&5; } | $SK_HEAD >&4; } 5>&1 | tail -c 8192 )
  sk_rc=${"${"}sk_cap##*SKRC=}
  case $sk_rc in ''|*[!0-9]*) sk_rc=255 ;; esac
  printf '\n=====SITEKIT-STDERR %s %s=====\n' "$SK_N" "$sk_name"
  printf '%s' "${"${"}sk_cap%SKRC=*}"
  printf '\n=====SITEKIT-END %s %s rc=%s=====\n' "$SK_N" "$sk_name" "$sk_rc"
}

sk_meta() {
  echo "script_version=$SK_V"
  echo "privilege=$SK_PRIV"
  echo "uid=$(id -u)"
  echo "kernel=$(uname -r)"
  echo "arch=$(uname -m)"
  [ -r /etc/os-release ] && sed -n 's/^PRETTY_NAME=//p' /etc/os-release | tr -d '"' | sed 's/^/os=/'
  return 0
}
sk_clock() { date -u +%s%3N; date -u +%s; }
sk_hostname() { hostname 2>/dev/null || cat /proc/sys/kernel/hostname; }
sk_dmidecode() {
  if [ "$SK_PRIV" = none ]; then
    echo "dmidecode needs root: this user is not root and sudo -n is not allowed" >&2
    return 77
  fi
  $SK_SUDO $SK_TO dmidecode -t system
}
# Files of /sys are read with the shell's own read (no process per value: a probe reads many).
sk_dmi_sysfs() {
  for f in sys_vendor product_name product_serial product_uuid board_vendor board_name; do
    IFS= read -r v 2>/dev/null <"/sys/class/dmi/id/$f" && printf '%s=%s\n' "$f" "$v"
  done
  return 0
}
sk_lscpu() { $SK_TO lscpu -J || $SK_TO lscpu; }
sk_cpuflags() { sed -n '/^flags[[:space:]]*:/{p;q;}' /proc/cpuinfo; }
sk_sysnet() {
  for d in /sys/class/net/*; do
    [ -e "$d" ] || continue
    printf 'iface=%s\n' "${"${"}d##*/}"
    for a in address mtu carrier speed duplex operstate type; do
      IFS= read -r v 2>/dev/null <"$d/$a" && printf '%s=%s\n' "$a" "$v"
    done
    [ -e "$d/device" ] && echo "physical=1"
    [ -e "$d/device/physfn" ] && echo "sriov_vf=1"
    [ -L "$d/device/driver" ] && v=$(readlink "$d/device/driver") && printf 'driver=%s\n' "${"${"}v##*/}"
    [ -r "$d/bonding/slaves" ] && IFS= read -r v 2>/dev/null <"$d/bonding/slaves" && printf 'bond_slaves=%s\n' "$v"
    [ -d "$d/bridge" ] && echo "bridge=1"
    [ -L "$d/master" ] && v=$(readlink "$d/master") && printf 'master=%s\n' "${"${"}v##*/}"
  done
  return 0
}
sk_lsblk() {
  $SK_TO lsblk -J -b -O 2>/dev/null && return 0
  $SK_TO lsblk -J -b -o NAME,KNAME,SIZE,TYPE,TRAN,ROTA,RM,RO,VENDOR,MODEL,SERIAL,WWN,HCTL,FSTYPE,LABEL,MOUNTPOINT,PKNAME
}
sk_disklinks() {
  for d in /dev/disk/by-path/* /dev/disk/by-id/*; do
    [ -L "$d" ] || continue
    t=$(readlink -f "$d") && printf '%s\t%s\n' "$d" "$t"
  done
  return 0
}
sk_lldp() {
  command -v lldpctl >/dev/null 2>&1 || { echo "lldpctl is not installed (lldpd not in this image)" >&2; return 127; }
  $SK_SUDO $SK_TO lldpctl -f json
}
sk_timedatectl() { $SK_TO timedatectl show 2>/dev/null || $SK_TO timedatectl status; }
sk_tools() {
  # The first line of each version text, cut by the shell itself (no sed per tool).
  sk_nl='
'
  for t in lscpu lsblk ip ethtool lldpctl chronyc dmidecode getent timedatectl dig openssl curl chronyd ping; do
    if command -v "$t" >/dev/null 2>&1; then
      case $t in
        ip|ping) v=$($t -V 2>&1) ;;
        lldpctl|chronyc|chronyd|dig) v=$($t -v 2>&1) ;;
        openssl) v=$(openssl version 2>&1) ;;
        *) v=$($t --version 2>&1) ;;
      esac
      printf '%s\t%s\n' "$t" "${"${"}v%%"$sk_nl"*}"
    else
      printf '%s\t-\n' "$t"
    fi
  done </dev/null
}
${PLANT_SHELL_FUNCTIONS}
# The hardware sections; the plant jobs run in the background meanwhile.
sk_hardware() {
  sk_section meta sk_meta
  sk_section clock sk_clock
  sk_section hostname sk_hostname
  sk_section dmidecode sk_dmidecode
  sk_section dmi-sysfs sk_dmi_sysfs
  sk_section lscpu sk_lscpu
  sk_section cpuflags sk_cpuflags
  sk_section meminfo cat /proc/meminfo
  sk_section ip-link $SK_TO ip -j -d link show
  sk_section ip-addr $SK_TO ip -j addr show
  sk_section ip-route $SK_TO ip -j route show
  sk_section sysfs-net sk_sysnet
  sk_n=0
  for d in /sys/class/net/*; do
    [ -e "$d/device" ] || continue
    [ -e "$d/device/physfn" ] && continue
    sk_n=$((sk_n + 1))
    [ "$sk_n" -le 64 ] || break
    sk_section "ethtool/${"${"}d##*/}" $SK_SUDO $SK_TO ethtool "${"${"}d##*/}"
    sk_section "ethtool-i/${"${"}d##*/}" $SK_TO ethtool -i "${"${"}d##*/}"
  done
  sk_section lsblk sk_lsblk
  sk_section disk-links sk_disklinks
  sk_section lldp sk_lldp
  sk_section chrony-tracking $SK_TO chronyc -n tracking
  sk_section chrony-sources $SK_TO chronyc -n sources
  sk_section timedatectl sk_timedatectl
  sk_section tools sk_tools
}
printf '=====SITEKIT-CAPTURE v%s %s=====\n' "$SK_V" "$SK_N"
`;

const END = `sk_hardware\n${PLANT_PRINT}printf '=====SITEKIT-DONE %s=====\\n' "$SK_N"\n`;

/**
 * The full script: the fixed text, then the data (plant requests; registry credentials on a
 * live probe only — never for \`sitekit collect-script\`), then the fixed end. Unsafe requests
 * and credentials are dropped (core/plant/script.ts).
 */
export function collectScript(plant: PlantScriptInput = {}): string {
  return BODY + plantScriptData(plant) + END;
}
