#!/usr/bin/env bash
# Runs the real WPT webrtc/ tests against jrtc with jrtc-binding.js (issue 8).
#
#   jrtc-wpt/run-wpt.sh [FILE_OR_FOLDER...] [--json OUT] [--ratchet] [--update-expected]
#   jrtc-wpt/run-wpt.sh --prepare        build the WPT runner (needs the Maven registry once)
#
# Default: the folders ../shared/wpt/wpt/webrtc and ../shared/wpt/wpt/webrtc-identity.
# Prints the runner's per-file lines and totals, then one line comparing the score with the
# browsers' (computed from ../shared/wpt/browsers/*.json over the same files), and last one
# JSON line with the totals.
#   --ratchet          compare with jrtc-wpt/expected.json (the runner's --expect); exit 1
#                      when a subtest that passes there no longer passes. New passes are listed
#                      so that they can be committed with --update-expected.
#   --update-expected  write this run's results to jrtc-wpt/expected.json.
#   --json OUT         also keep the runner's JSON in OUT.
# jrtc must be built first (./jrtc build: jrtc-examples/target/classes and target/lib/*.jar).
# Tests connect peers: run it inside a private network namespace (./jrtc wpt does).
# The files run in WPT_JOBS (default 2 per CPU, at most 6) parallel runner processes (jrtc-wpt/wpt.py): most of a
# run is spent waiting for the timeouts of files whose peers do not connect yet.
# Environment: WPT_JOBS, JRTC_WPT_CLASSPATH (use this classpath instead), WPT_TIMEOUT_S (per-file
# limit, default the runner's 10 s), WPT_JAVA_OPTS, WPT_MVN_OPTS, WPT_BUILD_DIR (for the runner).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
shared="$(cd "$repo/../shared/wpt" && pwd)"
runner="$shared/run.sh"
binding="$here/jrtc-binding.js"
expected="$here/expected.json"

json_out=""
ratchet=0
update=0
prepare=0
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --json) json_out="$2"; shift 2 ;;
    --json=*) json_out="${1#--json=}"; shift ;;
    --ratchet) ratchet=1; shift ;;
    --update-expected) update=1; shift ;;
    --prepare) prepare=1; shift ;;
    -h|--help) sed -n "2,21p" "$0" | sed "s/^# \{0,1\}//"; exit 0 ;;
    --*) echo "run-wpt.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done

# The runner builds itself on first use (Maven); --help triggers that build and exits. Without
# network (inside the namespace) the build can still succeed offline from a filled ~/.m2.
prepare_runner() {
  "$runner" --help >/dev/null 2>&1 || WPT_MVN_OPTS="${WPT_MVN_OPTS:--o}" "$runner" --help >/dev/null
}
if [ "$prepare" = 1 ]; then
  prepare_runner
  echo "run-wpt.sh: WPT runner ready" >&2
  exit 0
fi

classes="$repo/jrtc-examples/target/classes"
if [ -n "${JRTC_WPT_CLASSPATH:-}" ]; then
  cp="$JRTC_WPT_CLASSPATH"   # override, e.g. freshly compiled classes during development
elif [ ! -d "$classes" ]; then
  echo "run-wpt.sh: $classes is missing: build jrtc first (./jrtc build)" >&2
  exit 2
else
  cp="$classes"
  for j in "$repo"/jrtc-examples/target/lib/*.jar; do
    [ -e "$j" ] && cp="$cp:$j"
  done
fi

if [ ${#targets[@]} -eq 0 ]; then
  targets=("$shared/wpt/webrtc" "$shared/wpt/webrtc-identity")
fi

# jrtc logs through SLF4J (slf4j-simple in jrtc's lib): warnings only, and no notice about the
# runner's own SLF4J provider on the same classpath.
export WPT_JAVA_OPTS="${WPT_JAVA_OPTS:--Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dslf4j.internal.verbosity=ERROR}"

# Build the runner once here: the parallel shards must not all start a Maven build.
prepare_runner

exec python3 "$here/wpt.py" --runner "$runner" --binding "$binding" --classpath "$cp" \
  --wpt-root "$shared/wpt" --browsers "$shared/browsers" --expected "$expected" \
  --jobs "${WPT_JOBS:-$(( $(nproc) * 2 > 6 ? 6 : $(nproc) * 2 ))}" ${WPT_TIMEOUT_S:+--timeout-s "$WPT_TIMEOUT_S"} \
  ${json_out:+--json "$json_out"} $([ "$ratchet" = 1 ] && echo --ratchet) \
  $([ "$update" = 1 ] && echo --update-expected) "${targets[@]}"
