// The plant part of the collection script (collect/FORMAT.md, "Plant sections"): fixed shell
// text, plus the data the laptop appends (request lines in a quoted here-document, and on a live
// probe only, registry credentials as SK_AUTH_<n>='…'). The checks run as background jobs,
// started before the hardware sections so the whole probe stays one round trip per node; each
// job writes its section into a private temporary folder (mktemp -d, /dev/shm when writable,
// else /tmp) that a trap removes on EXIT, HUP, INT, PIPE and TERM; the sections are printed after
// the hardware sections.
//
// Credentials never reach a command line, a file or the output: the script hands them to curl
// through a pipe (`printf 'header = …' | curl -K -`; printf is a shell builtin, so it has no
// argv either), and a bearer token obtained with them likewise.
import { isSafeRequest, MAX_PLANT_REQUESTS, requestLine } from './requests';
import { REGISTRY_AUTH_PATTERN } from './registry-auth';
import type { PlantRequest } from './types';

const D = '$'; // keeps shell ${…} out of the template's own interpolation

/** Defined after sk_section (collect/script.ts); uses SK_TO, SK_N and fd 4 from there. */
export const PLANT_SHELL_FUNCTIONS = String.raw`
# ---- Plant services as this node sees them (collect/FORMAT.md "Plant sections") ----
SK_PD=""
SK_PREQ=""
SK_PBAD=0
SK_PN=0
SK_PJOBS=""
SK_PJN=0
SK_CA=""
SK_PDNS=""
SK_PNODE=""
SK_PMAX=${MAX_PLANT_REQUESTS}
SK_ACCEPT='Accept: application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.docker.distribution.manifest.v2+json'
sk_plant_clean() {
  [ -n "$SK_PD" ] || return 0
  rm -rf "$SK_PD" 2>/dev/null || { sleep 1; rm -rf "$SK_PD" 2>/dev/null; }
  SK_PD=""
}
sk_plant_abort() {
  trap - EXIT HUP INT PIPE TERM
  [ -z "$SK_PJOBS" ] || kill $SK_PJOBS 2>/dev/null
  sk_plant_clean
  exit "$1"
}
# One token of a request line: never empty, never a leading dash, only the characters its
# class needs (the laptop checked the same with stricter patterns).
sk_plant_tok() {
  [ "$1" = opt ] && [ "$2" = - ] && return 0
  case $2 in ''|-*) return 1 ;; esac
  [ "${D}{#2}" -le 512 ] || return 1
  case $1 in
    id) case $2 in *[!a-z0-9.-]*) return 1 ;; esac ;;
    host) case $2 in *[!A-Za-z0-9.:-]*) return 1 ;; esac ;;
    port) case $2 in *[!0-9]*) return 1 ;; esac ;;
    opt) case $2 in *[!A-Za-z0-9.:-]*) return 1 ;; esac ;;
    url) case $2 in https://*) ;; *) return 1 ;; esac
      case $2 in *[!A-Za-z0-9.:/_-]*) return 1 ;; esac ;;
    *) return 1 ;;
  esac
  return 0
}
sk_plant_valid() {
  [ $# -ge 3 ] && sk_plant_tok id "$2" || return 1
  case $1 in
    dns) [ $# -eq 5 ] || return 1
      [ "$3" = node ] || sk_plant_tok host "$3" || return 1
      case $4 in A|AAAA|PTR) ;; *) return 1 ;; esac
      sk_plant_tok host "$5" ;;
    tls) [ $# -eq 6 ] && sk_plant_tok host "$3" && sk_plant_tok port "$4" && sk_plant_tok opt "$5" && sk_plant_tok opt "$6" ;;
    http) [ $# -eq 7 ] || return 1
      case $3 in GET|HEAD) ;; *) return 1 ;; esac
      case $5 in 0|1) ;; *) return 1 ;; esac
      case $6 in -|[1-9]|[1-9][0-9]) ;; *) return 1 ;; esac
      sk_plant_tok url "$4" && sk_plant_tok opt "$7" ;;
    ntp|ping) [ $# -eq 3 ] && sk_plant_tok host "$3" ;;
    *) return 1 ;;
  esac
}
sk_p_need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "$1 is not installed" >&2
  return 127
}
sk_p_dns() {
  if [ "$1" = node ]; then
    sk_p_need getent || return 127
    if [ "$2" = PTR ]; then $SK_TO getent hosts "$3"; else $SK_TO getent ahosts "$3"; fi
  else
    sk_p_need dig || return 127
    if [ "$2" = PTR ]; then $SK_TO dig -r +time=2 +tries=1 +noall +comments +answer +stats "@$1" -x "$3"
    else $SK_TO dig -r +time=2 +tries=1 +noall +comments +answer +stats "@$1" -t "$2" "$3"; fi
  fi
}
sk_p_tls() {
  sk_p_need openssl || return 127
  case $1 in *:*) sk_c="[$1]:$2" ;; *) sk_c="$1:$2" ;; esac
  sk_s=$3
  sk_x=$4
  set -- s_client -connect "$sk_c" -showcerts
  [ "$sk_s" = - ] || set -- "$@" -servername "$sk_s"
  [ "$sk_x" = - ] || set -- "$@" -proxy "$sk_x"
  $SK_TO openssl "$@" </dev/null
}
# How curl checks the server. Without credentials -k: TLS trust is judged on the laptop from the
# chain openssl s_client saw, against the plan's CA bundle. With credentials the node itself
# checks it against the plan's CA bundle (a file of the private folder; the bundle is public), or
# the system's CAs when the plan has none, so a login never goes to a server the plan does not trust.
sk_p_trust() {
  if [ "$1" = none ]; then sk_trust="-k"; return 0; fi
  sk_trust=""
  [ -n "$SK_PD" ] && [ -f "$SK_PD/ca.pem" ] || return 0
  sk_trust="$SK_PD/ca.pem"
}
# One HTTP attempt. Credentials go to curl only through the pipe of -K -. curl -q first: the
# node's ~/.curlrc is not read (a "verbose" there would print the Authorization header).
sk_p_try() {
  sk_mode=$1
  # A token the realm gave without credentials is not ours to protect.
  if [ "$sk_mode" = bearer ] && [ "$sk_tm" = none ]; then sk_p_trust none; else sk_p_trust "$sk_mode"; fi
  set -- -sS -D - -o /dev/null --max-time 10 -w 'SITEKIT-W %{http_code} %{time_total}'
  case $sk_trust in -k) set -- "$@" -k ;; '') ;; *) set -- "$@" --cacert "$sk_trust" ;; esac
  if [ "$sk_x" = - ]; then set -- "$@" --noproxy '*'; else set -- "$@" -x "http://$sk_x"; fi
  [ "$sk_m" = HEAD ] && set -- "$@" -I
  [ "$sk_mf" = 1 ] && set -- "$@" -H "$SK_ACCEPT"
  case $sk_mode in
    basic) sk_o=$(printf 'header = "Authorization: Basic %s"\n' "$sk_a" | $SK_TO curl -q -K - "$@" "$sk_u"); sk_rc=$? ;;
    bearer) sk_o=$(printf 'header = "Authorization: Bearer %s"\n' "$sk_tok" | $SK_TO curl -q -K - "$@" "$sk_u"); sk_rc=$? ;;
    *) sk_o=$($SK_TO curl -q "$@" "$sk_u" </dev/null); sk_rc=$? ;;
  esac
  case $sk_o in
    *'SITEKIT-W '*) sk_hd=${D}{sk_o%SITEKIT-W *}; sk_code=${D}{sk_o##*SITEKIT-W }; sk_time=${D}{sk_code#* }; sk_code=${D}{sk_code%% *} ;;
    *) sk_hd=$sk_o; sk_code=000; sk_time=0 ;;
  esac
  case $sk_code in ''|*[!0-9]*) sk_code=000 ;; esac
  case $sk_time in ''|*[!0-9.]*) sk_time=0 ;; esac
  if [ -n "$sk_hd" ]; then
    printf '%s' "$sk_hd"
    case $sk_hd in *'
') ;; *) echo ;; esac
  fi
  echo "SITEKIT-HTTP code=$sk_code time=$sk_time auth=$sk_mode"
}
# GET/HEAD with the credentials the script holds for this registry (basic auth); on a 401 with a
# Bearer challenge, a token from the realm (asked with the credentials when held), then once more.
sk_p_http() {
  sk_p_need curl || return 127
  sk_tm=none
  sk_m=$1
  sk_u=$2
  sk_mf=$3
  sk_x=$5
  sk_a=""
  sk_tok=""
  case $4 in [1-9]|[1-9][0-9]) eval "sk_a=${'\\'}${D}{SK_AUTH_$4-}" ;; esac
  case $sk_a in *[!A-Za-z0-9+/=]*) sk_a="" ;; esac
  if [ -n "$sk_a" ]; then sk_p_try basic; else sk_p_try none; fi
  [ "$sk_code" = 401 ] || return $sk_rc
  sk_ch=$(printf '%s\n' "$sk_hd" | tr -d '\r' | sed -n 's/^[Ww][Ww][Ww]-[Aa][Uu][Tt][Hh][Ee][Nn][Tt][Ii][Cc][Aa][Tt][Ee]:[[:space:]]*[Bb][Ee][Aa][Rr][Ee][Rr][[:space:]][[:space:]]*//p' | sed -n '$p')
  [ -n "$sk_ch" ] || return $sk_rc
  sk_realm=$(printf '%s\n' "$sk_ch" | sed -n 's/.*[Rr][Ee][Aa][Ll][Mm]="\([^"]*\)".*/\1/p')
  sk_svc=$(printf '%s\n' "$sk_ch" | sed -n 's/.*[Ss][Ee][Rr][Vv][Ii][Cc][Ee]="\([^"]*\)".*/\1/p')
  case $sk_realm in
    https://*[!A-Za-z0-9.:/_~+-]*|https://) echo "the token realm of the registry has unexpected characters; no token was asked for" >&2; return $sk_rc ;;
    https://*) ;;
    *) echo "the token realm of the registry is not an https URL; no token was asked for" >&2; return $sk_rc ;;
  esac
  case $sk_svc in *[!A-Za-z0-9.:_-]*) sk_svc="" ;; esac
  # The credentials are bound to the registry's host: a realm on another host gets none.
  sk_uh=${D}{sk_u#https://}; sk_uh=${D}{sk_uh%%/*}; sk_uh=${D}{sk_uh%:*}
  sk_rh=${D}{sk_realm#https://}; sk_rh=${D}{sk_rh%%/*}; sk_rh=${D}{sk_rh%:*}
  if [ -n "$sk_a" ] && [ "$(printf '%s' "$sk_uh" | tr 'A-Z' 'a-z')" != "$(printf '%s' "$sk_rh" | tr 'A-Z' 'a-z')" ]; then
    echo "the token realm is on $sk_rh, not on the registry's host $sk_uh: the credentials were not sent there" >&2
    sk_a=""
  fi
  if [ -n "$sk_a" ]; then sk_p_trust basic; else sk_p_trust none; fi
  set -- -sS --max-time 10 -G -w 'SITEKIT-W %{http_code}'
  case $sk_trust in -k) set -- "$@" -k ;; '') ;; *) set -- "$@" --cacert "$sk_trust" ;; esac
  if [ "$sk_x" = - ]; then set -- "$@" --noproxy '*'; else set -- "$@" -x "http://$sk_x"; fi
  [ -z "$sk_svc" ] || set -- "$@" --data-urlencode "service=$sk_svc"
  if [ "$sk_mf" = 1 ]; then
    sk_repo=${D}{sk_u#https://*/v2/}
    sk_repo=${D}{sk_repo%/manifests/*}
    case $sk_repo in ''|*[!a-z0-9._/-]*) ;; *) set -- "$@" --data-urlencode "scope=repository:$sk_repo:pull" ;; esac
  fi
  if [ -n "$sk_a" ]; then
    sk_t=$(printf 'header = "Authorization: Basic %s"\n' "$sk_a" | $SK_TO curl -q -K - "$@" "$sk_realm"); sk_tm=basic
  else
    sk_t=$($SK_TO curl -q "$@" "$sk_realm" </dev/null); sk_tm=none
  fi
  sk_tc=${D}{sk_t##*SITEKIT-W }
  case $sk_tc in ''|*[!0-9]*) sk_tc=000 ;; esac
  sk_t=$(printf '%s' "${D}{sk_t%SITEKIT-W *}" | tr -d '\r\n')
  sk_tok=$(printf '%s\n' "$sk_t" | sed -n 's/.*"token"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p')
  [ -n "$sk_tok" ] || sk_tok=$(printf '%s\n' "$sk_t" | sed -n 's/.*"access_token"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p')
  sk_t=""
  case $sk_tok in *[!A-Za-z0-9._~+/=-]*) sk_tok="" ;; esac
  if [ -z "$sk_tok" ]; then
    echo "SITEKIT-TOKEN code=$sk_tc auth=$sk_tm token=no"
    return $sk_rc
  fi
  echo "SITEKIT-TOKEN code=$sk_tc auth=$sk_tm token=yes"
  sk_p_try bearer
  sk_tok=""
  return $sk_rc
}
sk_p_ntp() {
  sk_p_need chronyd || return 127
  # Polls of 1/16 s: measured on the test bed, 1/64 s (-6) reported healthy servers 2-5 ms away
  # as silent; -4 never did and costs about 40 ms.
  $SK_TO chronyd -Q -t 3 -f /dev/null "server $1 iburst minpoll -4 maxpoll -4"
}
sk_p_ping() {
  sk_p_need ping || return 127
  # Two echoes 0.2 s apart and 0.3 s for the last answer: a host on the LAN answers in well under
  # a millisecond, and a free VIP (the usual case) costs 0.5 s instead of 1.4 s. An iputils older
  # than 20190709 takes whole seconds only (exit code 2, nothing printed): then -W 1.
  $SK_TO ping -n -c 2 -i 0.2 -W 0.3 "$1"
  sk_prc=$?
  [ "$sk_prc" = 2 ] || return $sk_prc
  $SK_TO ping -n -c 2 -i 0.2 -W 1 "$1"
}
# A plant section without sk_section's pipeline (one fork instead of five): for the checks whose
# output is small by nature (a DNS answer, chronyd's and ping's few lines). Same layout.
sk_psec() {
  sk_pn=$1
  shift
  printf '=====SITEKIT-BEGIN %s %s=====\n' "$SK_N" "$sk_pn"
  { sk_pe=$("$@" </dev/null 2>&1 >&3 3>&-); sk_r=$?; } 3>&1
  printf '\n=====SITEKIT-STDERR %s %s=====\n%s\n=====SITEKIT-END %s %s rc=%s=====\n' "$SK_N" "$sk_pn" "$sk_pe" "$SK_N" "$sk_pn" "$sk_r"
}
sk_plant_job() {
  SK_PJN=$((SK_PJN + 1))
  sk_f="$SK_PD/q$(printf '%04d' "$SK_PJN")"
  ( exec >"$sk_f" 4>&1 2>/dev/null; "$@" ) </dev/null &
  SK_PJOBS="$SK_PJOBS $!"
}
# The node's own resolvers: every question in one job, one after another (getent is quick).
sk_p_node_dns() {
  while IFS=' ' read -r sk_id sk_ty sk_nm; do
    [ -n "$sk_id" ] || continue
    sk_psec "plant-dns/$sk_id" sk_p_dns node "$sk_ty" "$sk_nm"
  done <<SITEKIT_PLANT_NODE
$SK_PNODE
SITEKIT_PLANT_NODE
}
sk_p_dig_batch() {
  sk_bs=$1
  echo "SITEKIT-IDS$2"
  shift 2
  $SK_TO dig -r +time=2 +tries=1 +noall +comments +answer +stats "@$sk_bs" "$@"
}
sk_p_dns_skipped() {
  echo "SITEKIT-IDS$2"
  if [ "$1" = 127 ]; then echo "dig is not installed" >&2
  else echo "not asked: the server did not answer the first question (exit code $1)" >&2; fi
  return "$1"
}
# One plan DNS server: its first question alone (a server that does not answer it is not asked
# the rest, each of which would wait 2 s), then all the others in one dig: one dig start instead
# of one per question. The batch section lists the request ids in order; dig answers in order.
sk_p_server_dns() {
  sk_srv=$1
  sk_fid=""
  sk_ids=""
  set --
  while IFS=' ' read -r sk_k sk_id sk_s sk_ty sk_nm; do
    [ "$sk_k" = dns ] && [ "$sk_s" = "$sk_srv" ] || continue
    if [ -z "$sk_fid" ]; then sk_fid=$sk_id; sk_fty=$sk_ty; sk_fnm=$sk_nm; continue; fi
    sk_ids="$sk_ids $sk_id"
    if [ "$sk_ty" = PTR ]; then set -- "$@" -x "$sk_nm"; else set -- "$@" "$sk_nm" "$sk_ty"; fi
  done <<SITEKIT_PLANT_DNS
$SK_PDNS
SITEKIT_PLANT_DNS
  [ -n "$sk_fid" ] || return 0
  sk_psec "plant-dns/$sk_fid" sk_p_dns "$sk_srv" "$sk_fty" "$sk_fnm"
  [ -n "$sk_ids" ] || return 0
  if [ "$sk_r" = 0 ]; then sk_psec "plant-dnsb/$sk_fid" sk_p_dig_batch "$sk_srv" "$sk_ids" "$@"
  else sk_psec "plant-dnsb/$sk_fid" sk_p_dns_skipped "$sk_r" "$sk_ids"; fi
}
sk_plant_dns_jobs() {
  [ -z "$SK_PNODE" ] || sk_plant_job sk_p_node_dns
  sk_seen=" "
  while IFS=' ' read -r sk_k sk_id sk_s sk_rest; do
    [ "$sk_k" = dns ] || continue
    case $sk_seen in *" $sk_s "*) continue ;; esac
    sk_seen="$sk_seen$sk_s "
    sk_plant_job sk_p_server_dns "$sk_s"
  done <<SITEKIT_PLANT_DNS
$SK_PDNS
SITEKIT_PLANT_DNS
}
sk_plant_run() {
  sk_k=$1
  sk_i=$2
  shift 2
  case $sk_k in
    dns) sk_section "plant-dns/$sk_i" sk_p_dns "$@" ;;
    tls) sk_section "plant-tls/$sk_i" sk_p_tls "$@" ;;
    http) sk_section "plant-http/$sk_i" sk_p_http "$@" ;;
    ntp) sk_psec "plant-ntp/$sk_i" sk_p_ntp "$@" ;;
    ping) sk_psec "plant-ping/$sk_i" sk_p_ping "$@" ;;
  esac
}
# start: check a line, keep it for the plant-requests section, start its job (when there is a
# private folder); run: run it here and now (no folder: one after another, after the hardware).
sk_plant_one() {
  sk_pm=$1
  shift
  [ $# -gt 0 ] || return 0
  if ! sk_plant_valid "$@"; then
    [ "$sk_pm" = run ] || SK_PBAD=$((SK_PBAD + 1))
    return 0
  fi
  if [ "$sk_pm" = run ]; then sk_plant_run "$@"; return 0; fi
  if [ "$SK_PN" -ge "$SK_PMAX" ]; then SK_PBAD=$((SK_PBAD + 1)); return 0; fi
  SK_PN=$((SK_PN + 1))
  SK_PREQ="$SK_PREQ$*
"
  [ -n "$SK_PD" ] || return 0
  # DNS questions are grouped: one job per plan DNS server and one for the node's resolvers.
  if [ "$1" = dns ]; then
    if [ "$3" = node ]; then SK_PNODE="$SK_PNODE$2 $4 $5
"; else SK_PDNS="$SK_PDNS$*
"; fi
    return 0
  fi
  sk_f="$SK_PD/p$(printf '%04d' "$SK_PN")"
  # The job's own stderr is not the script's: a job still running after a kill must not hold
  # the session open (its command's stderr is captured into its section by sk_section).
  ( exec >"$sk_f" 4>&1 2>/dev/null; sk_plant_run "$@" ) </dev/null &
  SK_PJOBS="$SK_PJOBS $!"
}
sk_plant_each() {
  while IFS= read -r sk_line; do
    set -f
    sk_plant_one "$1" $sk_line
    set +f
  done
}
sk_plant_start() {
  trap 'sk_plant_clean' EXIT
  trap 'sk_plant_abort 129' HUP
  trap 'sk_plant_abort 130' INT
  trap 'sk_plant_abort 141' PIPE
  trap 'sk_plant_abort 143' TERM
  if [ -d /dev/shm ] && [ -w /dev/shm ]; then SK_PD=$(mktemp -d /dev/shm/sitekit-plant.XXXXXXXX 2>/dev/null) || SK_PD=""; fi
  [ -n "$SK_PD" ] || SK_PD=$(mktemp -d /tmp/sitekit-plant.XXXXXXXX 2>/dev/null) || SK_PD=""
  [ -n "$SK_PD" ] && [ -d "$SK_PD" ] || SK_PD=""
  # Written once, before any job starts: the jobs with credentials check the registry against it.
  [ -z "$SK_PD" ] || [ -z "$SK_CA" ] || printf '%s\n' "$SK_CA" >"$SK_PD/ca.pem"
  sk_plant_each start
  [ -z "$SK_PD" ] || sk_plant_dns_jobs
}
sk_plant_echo() {
  printf '%s' "$SK_PREQ"
  [ "$SK_PBAD" -eq 0 ] || echo "$SK_PBAD request line(s) were refused: a token failed its check or there were more than $SK_PMAX" >&2
  [ -n "$SK_PD" ] || [ -z "$SK_PREQ" ] || echo "no private temporary folder could be made (mktemp -d in /dev/shm and /tmp): the checks ran one after another" >&2
  return 0
}
sk_plant_print() {
  sk_section plant-requests sk_plant_echo
  sk_section plant-resolv cat /etc/resolv.conf
  if [ -n "$SK_PD" ]; then
    wait
    SK_PJOBS=""
    for sk_f in "$SK_PD"/p* "$SK_PD"/q*; do
      [ -f "$sk_f" ] && cat "$sk_f"
    done
    sk_plant_clean
  elif [ -n "$SK_PREQ" ]; then
    sk_plant_each run <<SITEKIT_PLANT_AGAIN
$SK_PREQ
SITEKIT_PLANT_AGAIN
  fi
  return 0
}
`;

export interface PlantScriptInput {
  requests?: readonly PlantRequest[];
  /** base64 auths; credentials[n - 1] is what a request with `auth: n` sends. Live probe only. */
  credentials?: readonly string[];
  /** The plan's mirror CA bundle: with credentials, the node checks the registry against it before sending them. */
  caBundle?: string;
}

/** PEM text only: base64, dashes, spaces and line breaks (no quote can end the shell string). */
const PEM_TEXT = /^[A-Za-z0-9+/=\s-]{1,262144}$/;

/**
 * The data part: credentials as shell variables (never exported), then the request lines as a
 * quoted here-document (nothing in it is expanded) read by sk_plant_start, which starts the jobs.
 * Requests or credentials that fail their patterns are dropped here, before the node sees them.
 */
export function plantScriptData(input: PlantScriptInput = {}): string {
  const lines = (input.requests ?? []).filter(isSafeRequest).slice(0, MAX_PLANT_REQUESTS).map(requestLine);
  const auths = (input.credentials ?? [])
    .slice(0, 99)
    .map((value, i) => (REGISTRY_AUTH_PATTERN.test(value) ? `SK_AUTH_${i + 1}='${value}'\n` : ''))
    .join('');
  const ca = auths && input.caBundle && PEM_TEXT.test(input.caBundle) && input.caBundle.includes('BEGIN CERTIFICATE') ? `SK_CA='${input.caBundle.trim()}'\n` : '';
  return `${auths}${ca}sk_plant_start <<'SITEKIT_PLANT_REQUESTS'\n${lines.map((l) => `${l}\n`).join('')}SITEKIT_PLANT_REQUESTS\n`;
}

/** After the hardware sections: the plant sections, then the folder is removed. */
export const PLANT_PRINT = 'sk_plant_print\n';
