// The node side of the install-disk speed test: one fixed POSIX sh script, fed on stdin as a
// second exec on the probe's SSH connection. Nothing from the plan is put into a command line:
// the request (device kernel name, size, serial, WWN, by-path link, deadline) travels as lines
// of a quoted here-document (no expansion inside it), each value checked by a strict pattern
// here (target.ts) and again by `case` in the script.
//
// What it does, in order:
//  1. Re-checks on the node that /dev/<name> is the disk the laptop chose: a whole disk in
//     /sys/block, same major:minor as the /dev node, same size, same serial/WWN, the hint's
//     by-path link still points at it; not read-only, no holders, no partitions, not mounted,
//     not swap, no signature (blkid -p, else wipefs -n). Any doubt: it refuses, writing nothing.
//  2. Writes: fio twice at once (the Assisted Installer's command), or when fio is missing
//     (RHCOS ships none; the agent runs it in its container) dd twice at once with the same
//     2300-byte synchronous writes, timed by dd. Both write only the first 22 MiB of the disk
//     (fio's last write ends 328 bytes past it).
//  3. Always afterwards — also when stopped by a signal, by the laptop closing stdin (timeout,
//     Ctrl+C, lost connection) or by its own deadline — waits for the writers to end and writes
//     zeros over the first 23 MiB, so an empty disk stays empty; then reports and exits.
// stdin stays open while the test runs: the laptop closing it (or the connection dropping) is
// the signal to stop. A background `cat` reads it; the main loop polls that cat, the writers
// and the deadline five times a second, so every way out goes through the same cleanup.
import { DISK_SPEED_MIB, DISK_SPEED_WRITES, DISK_SPEED_ZERO_BYTES, DISK_SPEED_ZERO_MIB } from './constants';
import { DISK_ID, DISK_LINK, KERNEL_NAME, type DiskSpeedRequest } from './target';

export const DISK_SPEED_SCRIPT_VERSION = '1';

/** Runs the script as root: directly, through passwordless sudo, or (else) as the user, who
 *  then gets a plain "cannot write" answer. Fixed text. */
export const DISK_SPEED_COMMAND =
  'if [ "$(id -u)" = 0 ]; then exec /bin/sh -s; fi; ' +
  'if command -v sudo >/dev/null 2>&1 && sudo -n true </dev/null >/dev/null 2>&1; then exec sudo -n /bin/sh -s; fi; ' +
  'exec /bin/sh -s';

const HEAD = String.raw`{
# sitekit-disk-speed v${DISK_SPEED_SCRIPT_VERSION}: the opt-in install-disk speed test of ACP Sitekit.
# Writes 2 x ${DISK_SPEED_MIB} MiB (the same region) to the start of ONE checked, empty disk, then zeroes its first ${DISK_SPEED_ZERO_MIB} MiB.
PATH="$PATH:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
LC_ALL=C
export PATH LC_ALL
trap '' PIPE
exec 3<&0 </dev/null
SK_MIB=${DISK_SPEED_ZERO_MIB}
SK_BYTES=${DISK_SPEED_ZERO_BYTES}
SK_COUNT=${DISK_SPEED_WRITES}
sk_say() { printf 'SITEKIT-DISK %s\n' "$*"; }
sk_refuse() { sk_say "refused $1 $2"; sk_say end; exit 0; }
sk_error() { sk_say "error $1 $2"; sk_say end; exit 0; }
SK_NAME=; SK_SIZE=; SK_SERIAL=; SK_WWN=; SK_LINK=; SK_DEADLINE=
while IFS='=' read -r sk_k sk_v; do
  case $sk_k in
    name) case $sk_v in ''|-*|*[!a-z0-9-]*) sk_refuse bad-request "device name" ;; esac; SK_NAME=$sk_v ;;
    size) case $sk_v in ''|*[!0-9]*) sk_refuse bad-request "size" ;; esac; SK_SIZE=$sk_v ;;
    serial) case $sk_v in ''|-*|*[!A-Za-z0-9._:-]*) sk_refuse bad-request "serial" ;; esac; SK_SERIAL=$sk_v ;;
    wwn) case $sk_v in ''|-*|*[!A-Za-z0-9._:-]*) sk_refuse bad-request "wwn" ;; esac; SK_WWN=$sk_v ;;
    link) case $sk_v in /dev/disk/by-path/*|/dev/disk/by-id/*) ;; *) sk_refuse bad-request "link" ;; esac
      case $sk_v in *[!A-Za-z0-9._:+@/-]*|*/../*|*/./*) sk_refuse bad-request "link" ;; esac; SK_LINK=$sk_v ;;
    deadline) case $sk_v in ''|*[!0-9]*) sk_refuse bad-request "deadline" ;; esac; SK_DEADLINE=$sk_v ;;
    '') ;;
    *) sk_refuse bad-request "unknown request line" ;;
  esac
done <<'SITEKIT_DISK_REQUEST'
`;

const BODY = String.raw`SITEKIT_DISK_REQUEST
[ -n "$SK_NAME" ] && [ -n "$SK_SIZE" ] && [ -n "$SK_DEADLINE" ] || sk_refuse bad-request "incomplete request"
SK_DEV=/dev/$SK_NAME
SK_SYS=/sys/block/$SK_NAME
sk_say "version ${DISK_SPEED_SCRIPT_VERSION} device $SK_DEV user $(id -un 2>/dev/null || id -u)"

# 1. Is it still the disk the laptop chose, and is it empty?
[ -d "$SK_SYS" ] || sk_refuse not-found "$SK_SYS does not exist: there is no whole disk named $SK_NAME"
[ -b "$SK_DEV" ] || sk_refuse not-found "$SK_DEV is not a block device"
sk_mm=$(cat "$SK_SYS/dev" 2>/dev/null)
sk_hex=$(stat -L -c '%t %T' "$SK_DEV" 2>/dev/null)
if [ -n "$sk_hex" ]; then
  set -- $sk_hex
  [ "$(printf '%d:%d' "0x$1" "0x$2")" = "$sk_mm" ] || sk_refuse not-same "$SK_DEV is device $(printf '%d:%d' "0x$1" "0x$2"), but $SK_SYS is $sk_mm"
fi
sk_sectors=$(cat "$SK_SYS/size" 2>/dev/null)
case $sk_sectors in ''|*[!0-9]*) sk_refuse not-same "the size of $SK_DEV cannot be read" ;; esac
[ "$((sk_sectors * 512))" = "$SK_SIZE" ] || sk_refuse not-same "$SK_DEV has $((sk_sectors * 512)) bytes now, the probe saw $SK_SIZE"
[ "$SK_SIZE" -ge "$SK_BYTES" ] || sk_refuse too-small "$SK_DEV is smaller than $SK_MIB MiB"
sk_norm() { sed 's/^[[:space:]]*//;s/[[:space:]]*$//' | head -n 1 | tr 'A-Z' 'a-z' | sed 's/^0x//'; }
sk_prop() {
  sk_p=$(lsblk -dn -o "$1" -- "$SK_DEV" 2>/dev/null </dev/null | sk_norm)
  if [ -z "$sk_p" ] && [ -r "$2" ]; then sk_p=$(sk_norm < "$2"); fi
  printf '%s' "$sk_p"
}
if [ -n "$SK_SERIAL" ]; then
  sk_have=$(sk_prop SERIAL "$SK_SYS/device/serial")
  [ "$sk_have" = "$(printf '%s' "$SK_SERIAL" | sk_norm)" ] || sk_refuse not-same "the serial number of $SK_DEV is '$sk_have' now, the probe saw '$SK_SERIAL'"
fi
if [ -n "$SK_WWN" ]; then
  sk_have=$(sk_prop WWN "$SK_SYS/device/wwid")
  [ "$sk_have" = "$(printf '%s' "$SK_WWN" | sk_norm)" ] || sk_refuse not-same "the WWN of $SK_DEV is '$sk_have' now, the probe saw '$SK_WWN'"
fi
if [ -n "$SK_LINK" ]; then
  [ "$(readlink -f -- "$SK_LINK" 2>/dev/null)" = "$SK_DEV" ] || sk_refuse not-same "$SK_LINK does not point at $SK_DEV any more"
fi
[ "$(cat "$SK_SYS/ro" 2>/dev/null)" = 0 ] || sk_refuse read-only "$SK_DEV is read-only"
for sk_h in "$SK_SYS"/holders/*; do
  [ -e "$sk_h" ] && sk_refuse holders "$(ls "$SK_SYS/holders" | tr '\n' ' ')is on top of $SK_DEV (LVM, RAID or multipath)"
done
for sk_p in "$SK_SYS/$SK_NAME"*; do
  [ -e "$sk_p/partition" ] && sk_refuse partitions "$SK_DEV has partitions: $(cd "$SK_SYS" && ls -d "$SK_NAME"* | tr '\n' ' ')"
done
sk_mnt=$(awk -v mm="$sk_mm" '$3 == mm { print $5 }' /proc/self/mountinfo 2>/dev/null | head -n 3 | tr '\n' ' ')
[ -z "$sk_mnt" ] || sk_refuse mounted "$SK_DEV is mounted on $sk_mnt"
grep -q "^$SK_DEV[[:space:]]" /proc/swaps 2>/dev/null && sk_refuse mounted "$SK_DEV is in use as swap"
[ -r "$SK_DEV" ] && [ -w "$SK_DEV" ] || sk_error no-access "user $(id -un 2>/dev/null || id -u) cannot read and write $SK_DEV: run the test as root or with passwordless sudo"
if command -v blkid >/dev/null 2>&1; then
  sk_sig=$(blkid -p -o export -- "$SK_DEV" 2>&1 </dev/null); sk_rc=$?
  case $sk_rc in
    2) ;;
    0) sk_refuse signature "$SK_DEV is not empty: $(printf '%s\n' "$sk_sig" | grep -E '^(PTTYPE|TYPE|LABEL|VERSION)=' | tr '\n' ' ')" ;;
    *) sk_refuse cannot-check "blkid -p could not read $SK_DEV (exit $sk_rc): $(printf '%s' "$sk_sig" | head -c 300)" ;;
  esac
elif command -v wipefs >/dev/null 2>&1; then
  sk_sig=$(wipefs --no-act --noheadings -- "$SK_DEV" 2>&1 </dev/null) || sk_refuse cannot-check "wipefs could not read $SK_DEV: $(printf '%s' "$sk_sig" | head -c 300)"
  [ -z "$sk_sig" ] || sk_refuse signature "$SK_DEV is not empty: $(printf '%s' "$sk_sig" | head -c 300)"
else
  sk_refuse cannot-check "neither blkid nor wipefs is installed, so the node cannot tell that $SK_DEV is empty"
fi
if sk_f=$(command -v fio 2>/dev/null) && [ -x "$sk_f" ]; then SK_TOOL=fio
elif sk_f=$(command -v dd 2>/dev/null) && [ -x "$sk_f" ]; then SK_TOOL=dd
else sk_say "tool none"; sk_say end; exit 0; fi
sk_say "tool $SK_TOOL"
sk_region() {
  if command -v cmp >/dev/null 2>&1; then
    cmp -s -n "$SK_BYTES" -- "$SK_DEV" /dev/zero </dev/null 2>/dev/null
    case $? in 0) echo zero ;; 1) echo data ;; *) echo unknown ;; esac
  else echo unknown; fi
}
SK_BEFORE=$(sk_region)
sk_say "before $SK_BEFORE"
# Nothing lost: data without any signature is still data. Only a region that reads as zeros is written.
[ "$SK_BEFORE" = zero ] || sk_refuse not-empty "the first $SK_MIB MiB of $SK_DEV are not all zeros ($SK_BEFORE): they may hold data no tool recognises; if nothing on the disk is needed, clear them (dd if=/dev/zero of=$SK_DEV bs=1M count=$SK_MIB) and run the test again"
SK_TMP=
for sk_base in /dev/shm /tmp; do
  [ -d "$sk_base" ] && [ -w "$sk_base" ] && SK_TMP=$(mktemp -d "$sk_base/sitekit-disk.XXXXXX" 2>/dev/null) && break
done
[ -n "$SK_TMP" ] || sk_error no-tmp "no temporary folder could be made in /dev/shm or /tmp"

# 2. Write, watching for a reason to stop.
SK_STOP=
trap 'SK_STOP=signal' INT TERM HUP
cat <&3 >/dev/null 2>&1 &
SK_WATCH=$!
exec 3<&-
SK_END=$(( $(date +%s) + SK_DEADLINE ))
sk_job() {
  if [ "$SK_TOOL" = fio ]; then
    fio --filename "$SK_DEV" --name=test --rw=write --ioengine=sync --size=22m -bs=2300 --fdatasync=1 --output-format=json >"$SK_TMP/out$1" 2>"$SK_TMP/err$1" </dev/null &
  else
    dd if=/dev/zero of="$SK_DEV" bs=2300 count="$SK_COUNT" oflag=dsync conv=notrunc >"$SK_TMP/out$1" 2>"$SK_TMP/err$1" </dev/null &
  fi
}
sk_say writing
sk_job 1; SK_P1=$!
sk_job 2; SK_P2=$!
sk_alive() { kill -0 "$SK_P1" 2>/dev/null || kill -0 "$SK_P2" 2>/dev/null; }
while sk_alive; do
  [ -z "$SK_STOP" ] && ! kill -0 "$SK_WATCH" 2>/dev/null && SK_STOP=input-closed
  [ -z "$SK_STOP" ] && [ "$(date +%s)" -ge "$SK_END" ] && SK_STOP=deadline
  if [ -n "$SK_STOP" ]; then
    kill -TERM "$SK_P1" "$SK_P2" 2>/dev/null
    sk_i=0
    while sk_alive && [ "$sk_i" -lt 50 ]; do sleep 0.2 2>/dev/null || sleep 1; sk_i=$((sk_i + 1)); done
    sk_alive && kill -KILL "$SK_P1" "$SK_P2" 2>/dev/null
    break
  fi
  sleep 0.2 2>/dev/null || sleep 1
done
wait "$SK_P1"; SK_RC1=$?
wait "$SK_P2"; SK_RC2=$?

# 3. Zero what was written; nothing may interrupt this any more.
trap '' INT TERM HUP
[ -z "$SK_STOP" ] || sk_say "stopped $SK_STOP"
sk_say zeroing
dd if=/dev/zero of="$SK_DEV" bs=1048576 count="$SK_MIB" conv=notrunc,fsync 2>"$SK_TMP/zero" </dev/null
SK_ZRC=$?
sk_say "zeroed rc=$SK_ZRC bytes=$SK_BYTES"
[ "$SK_ZRC" = 0 ] || sk_say "zero-error $(tail -c 300 "$SK_TMP/zero" | tr '\n' ' ')"
sk_say "after $(sk_region)"
for sk_j in 1 2; do
  eval "sk_rc=\$SK_RC$sk_j"
  printf '=====SITEKIT-DISK-OUT %s %s rc=%s=====\n' "$SK_TOOL" "$sk_j" "$sk_rc"
  head -c 262144 "$SK_TMP/out$sk_j" 2>/dev/null
  printf '\n=====SITEKIT-DISK-ERR %s %s=====\n' "$SK_TOOL" "$sk_j"
  tail -c 4096 "$SK_TMP/err$sk_j" 2>/dev/null
  printf '\n=====SITEKIT-DISK-END %s %s=====\n' "$SK_TOOL" "$sk_j"
done
rm -rf -- "$SK_TMP"
kill "$SK_WATCH" 2>/dev/null
sk_say end
exit 0
}
`;

/** The request as here-document lines; throws when a value would not pass the script's patterns. */
export function diskSpeedRequestLines(req: DiskSpeedRequest): string[] {
  if (!KERNEL_NAME.test(req.name)) throw new Error(`not a disk kernel name: ${req.name}`);
  if (!Number.isSafeInteger(req.sizeBytes) || req.sizeBytes <= 0) throw new Error('the disk size must be a whole number of bytes');
  if (!Number.isSafeInteger(req.deadlineSeconds) || req.deadlineSeconds <= 0) throw new Error('the deadline must be whole seconds');
  const lines = [`name=${req.name}`, `size=${req.sizeBytes}`];
  for (const [key, value] of [['serial', req.serial], ['wwn', req.wwn]] as const) {
    if (value === undefined) continue;
    if (!DISK_ID.test(value)) throw new Error(`not a ${key} Sitekit hands to a shell`);
    lines.push(`${key}=${value}`);
  }
  if (req.link !== undefined) {
    if (!DISK_LINK.test(req.link) || /\/\.\.?\//.test(req.link)) throw new Error('not a /dev/disk/by-path or by-id link');
    lines.push(`link=${req.link}`);
  }
  lines.push(`deadline=${req.deadlineSeconds}`);
  return lines;
}

export function diskSpeedScript(req: DiskSpeedRequest): string {
  return `${HEAD}${diskSpeedRequestLines(req).join('\n')}\n${BODY}`;
}
