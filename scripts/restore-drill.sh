#!/usr/bin/env bash
# Backup and restore drill (docs/deployment.md, "The restore drill"):
#   1. dump the event store database with pg_dump (custom format: the backup you keep);
#   2. restore it into a fresh database on the same server;
#   3. start the application on the restored database (its own process, loopback only, a fresh
#      embedded MongoDB-wire white-list) and let every projection catch up with the dump's events;
#   4. copy every SQL view, rebuild every projection from the first event, copy them again and
#      compare the two copies row by row;
#   5. compare the public white-list, rebuilt from nothing, with the original instance's (optional);
#   6. verify the ledger (the hash chain over every stored event);
#   7. stop the application and drop the restored database (CARELEDGER_DRILL_KEEP=1 keeps it).
# Exit status 0 and a last line "RESTORE DRILL PASSED ..." when everything matched; 1 otherwise.
#
# Connection: the standard libpq variables PGHOST, PGPORT, PGUSER, PGPASSWORD (the role needs
# CREATEDB). CARELEDGER_DRILL_SOURCE_DB (required): the database to back up.
# Optional: CARELEDGER_DRILL_TARGET_DB (default <source>_drill_<epoch>), CARELEDGER_DRILL_WORK (a
# working directory; default a new one under /tmp), CARELEDGER_DRILL_PORT (18089),
# CARELEDGER_DRILL_ORIGINAL_URL (base URL of a running instance on the source database: its public
# white-list is compared with the rebuilt one), CARELEDGER_APP (the command that starts the
# application; default "java -jar infra/target/careledger.jar"), CARELEDGER_DRILL_TIMEOUT (300 s).
#
# The application gets its configuration through environment variables only. The drill sets the
# stores, port and data directory; the shared secrets must come from the caller's environment,
# the same values as production's (children's data is decrypted with them), e.g.
# CARELEDGER_PRIVACY_MASTERKEY, CARELEDGER_PRIVACY_CITIZENIDHASHKEY,
# CARELEDGER_CERTIFICATES_SIGNINGKEY, CARELEDGER_CERTIFICATES_PUBLICKEY, and, because it switches
# the local token issuer on for its own instance (loopback only) to obtain an ADMIN token,
# CARELEDGER_SECURITY_LOCALSIGNINGKEY (docs/scale-out.md).
set -euo pipefail

SOURCE=${CARELEDGER_DRILL_SOURCE_DB:?set CARELEDGER_DRILL_SOURCE_DB to the database to back up}
TARGET=${CARELEDGER_DRILL_TARGET_DB:-${SOURCE}_drill_$(date +%s)}
WORK=${CARELEDGER_DRILL_WORK:-$(mktemp -d /tmp/careledger-drill.XXXXXX)}
PORT=${CARELEDGER_DRILL_PORT:-18089}
APP=${CARELEDGER_APP:-java -jar infra/target/careledger.jar}
TIMEOUT=${CARELEDGER_DRILL_TIMEOUT:-300}
BASE=http://127.0.0.1:$PORT
: "${PGHOST:=127.0.0.1}" "${PGPORT:=5432}" "${PGUSER:=$(id -un)}"
export PGHOST PGPORT PGUSER
# SQL views: table and the columns that order its rows (every projection in PostgreSQL)
VIEWS=(
  "supervision_institution:institution_id"
  "licence_view:institution_id"
  "filing_certificate:certificate_number"
  "institution_history:institution_id,global_index"
  "subsidy_case:case_id"
  "subsidy_decision:case_id,position"
  "attendance_day:institution_id,day"
)

log() { echo "restore-drill: $*" >&2; }
fail() { log "FAILED: $*"; echo "RESTORE DRILL FAILED: $*"; exit 1; }
for tool in jq curl; do
  command -v $tool >/dev/null || fail "$tool is missing (apt-get install -y $tool)"
done
# pg_dump must not be older than the server: take the newest client installed
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
PGBIN=${PGBIN:-$(dirname "$(command -v pg_dump)")}
sql() { "$PGBIN/psql" -X -v ON_ERROR_STOP=1 -qtA "$@"; }

mkdir -p "$WORK/before" "$WORK/after" "$WORK/app"
APP_PID=
cleanup() {
  if [[ -n $APP_PID ]] && kill -0 "$APP_PID" 2>/dev/null; then
    kill -TERM "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
  fi
  if [[ ${CARELEDGER_DRILL_KEEP:-0} != 1 ]]; then
    "$PGBIN/dropdb" --if-exists "$TARGET" 2>/dev/null || log "could not drop $TARGET"
  fi
}
trap cleanup EXIT

# 1-2. backup and restore
started=$(date +%s)
log "pg_dump $SOURCE -> $WORK/eventstore.dump"
"$PGBIN/pg_dump" -Fc -d "$SOURCE" -f "$WORK/eventstore.dump"
log "restore into the fresh database $TARGET ($(du -h "$WORK/eventstore.dump" | cut -f1) dump)"
"$PGBIN/createdb" "$TARGET"
"$PGBIN/pg_restore" --exit-on-error --no-owner -d "$TARGET" "$WORK/eventstore.dump"
EVENTS=$(sql -d "$TARGET" -c "SELECT count(*) FROM domain_event_entry")
LAST=$(sql -d "$TARGET" -c "SELECT coalesce(max(global_index), 0) FROM domain_event_entry")
log "restored $EVENTS events (last global index $LAST) in $(( $(date +%s) - started )) s"

# 3. the application on the restored database
log "starting the application on $TARGET (${APP%% *} …), log $WORK/app.log"
env SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$TARGET" \
    SPRING_DATASOURCE_USERNAME="$PGUSER" SPRING_DATASOURCE_PASSWORD="${PGPASSWORD:-}" \
    SPRING_R2DBC_URL="r2dbc:postgresql://$PGHOST:$PGPORT/$TARGET" \
    SPRING_R2DBC_USERNAME="$PGUSER" SPRING_R2DBC_PASSWORD="${PGPASSWORD:-}" \
    CARELEDGER_DATA_DIR="$WORK/app" PORT="$PORT" ADDRESS=127.0.0.1 \
    CARELEDGER_DEV_INSECURELOCALISSUER=true CARELEDGER_LEDGER_GAPSETTLETIME=2s \
    CARELEDGER_LEDGER_POLLINTERVAL=200ms SPRING_JMX_ENABLED=false \
    $APP > "$WORK/app.log" 2>&1 &
APP_PID=$!
deadline=$(( $(date +%s) + TIMEOUT ))
until curl -sf -o /dev/null "$BASE/actuator/health/readiness"; do
  kill -0 "$APP_PID" 2>/dev/null || fail "the application exited (see $WORK/app.log)"
  (( $(date +%s) < deadline )) || fail "not ready within $TIMEOUT s (see $WORK/app.log)"
  sleep 1
done
log "ready after $(( $(date +%s) - started )) s"
ADMIN=$(curl -sf -X POST "$BASE/api/v1/dev/tokens" -H 'Content-Type: application/json' -d '{"role":"ADMIN"}' | jq -r .token)
api() { curl -sf -H "Authorization: Bearer $ADMIN" "$@"; }

# every projection runs with claimed segments, none in error, each caught up with LAST (a replayed
# segment reports "replaying" until an event newer than the reset arrives: not waited for)
caught_up() {
  api "$BASE/api/v1/admin/projections" | jq -e --argjson last "$LAST" \
    'length > 0 and all(.[]; .running and (.segments | length > 0) and all(.segments[];
       .caughtUp and .error == null and ((.position // 0) >= $last or $last == 0)))' >/dev/null
}
wait_caught_up() {
  until caught_up; do
    (( $(date +%s) < deadline )) || fail "projections not caught up within $TIMEOUT s: $(api "$BASE/api/v1/admin/projections")"
    sleep 1
  done
}
copy_views() {
  local v table order
  for v in "${VIEWS[@]}"; do
    table=${v%%:*}; order=${v#*:}
    sql -d "$TARGET" -c "COPY (SELECT * FROM $table ORDER BY $order) TO STDOUT" > "$1/$table.tsv"
  done
}
deadline=$(( $(date +%s) + TIMEOUT ))
wait_caught_up
copy_views "$WORK/before"

# 4. rebuild every projection and compare
# licence-verification is no view: it sends commands (licence checks) and is never replayed
NOT_REPLAYED=${CARELEDGER_DRILL_NOT_REPLAYED:-licence-verification}
PROJECTIONS=$(api "$BASE/api/v1/admin/projections" | jq -r '.[].name' | grep -vxF -f <(tr ' ,' '\n\n' <<< "$NOT_REPLAYED") || true)
[[ -n $PROJECTIONS ]] || fail "no projection to rebuild"
for p in $PROJECTIONS; do
  api -X POST -o /dev/null "$BASE/api/v1/admin/projections/$p/replay" || fail "replay of $p refused"
done
log "rebuilding: $(echo $PROJECTIONS)"
deadline=$(( $(date +%s) + TIMEOUT ))
sleep 1
wait_caught_up
copy_views "$WORK/after"
summary=()
for v in "${VIEWS[@]}"; do
  table=${v%%:*}
  rows=$(wc -l < "$WORK/before/$table.tsv")
  if ! cmp -s "$WORK/before/$table.tsv" "$WORK/after/$table.tsv"; then
    diff "$WORK/before/$table.tsv" "$WORK/after/$table.tsv" | head -20 >&2 || true
    fail "view $table differs after the rebuild (copies in $WORK/before and $WORK/after)"
  fi
  summary+=("$table=$rows")
done
log "views identical after the rebuild: ${summary[*]}"

# 5. the public white-list, rebuilt from nothing, against the original instance's
whitelist() {
  local page=0 out=()
  while :; do
    local body
    body=$(curl -sf "$1/api/v1/public/institutions?size=100&page=$page") || return 1
    out+=("$(echo "$body" | jq -c '.items[]')")
    [[ $(echo "$body" | jq '.items | length') -lt 100 ]] && break
    page=$((page + 1))
  done
  printf '%s\n' "${out[@]}" | grep -v '^$' | sort
}
if [[ -n ${CARELEDGER_DRILL_ORIGINAL_URL:-} ]]; then
  whitelist "$CARELEDGER_DRILL_ORIGINAL_URL" > "$WORK/before/white-list.ndjson" || fail "original white-list unreadable"
  whitelist "$BASE" > "$WORK/after/white-list.ndjson" || fail "rebuilt white-list unreadable"
  cmp -s "$WORK/before/white-list.ndjson" "$WORK/after/white-list.ndjson" \
    || fail "the rebuilt white-list differs from the original's ($WORK/before|after/white-list.ndjson)"
  summary+=("white-list=$(wc -l < "$WORK/after/white-list.ndjson")")
  log "public white-list identical to the original's ($(wc -l < "$WORK/after/white-list.ndjson") entries)"
fi

# 6. the ledger
until api "$BASE/api/v1/admin/ledger/verify" -X POST > "$WORK/ledger.json" \
      && jq -e --argjson last "$LAST" '.eventsAwaitingLink == 0 and .lastGlobalIndex >= $last' "$WORK/ledger.json" >/dev/null; do
  (( $(date +%s) < deadline )) || fail "ledger not linked up to $LAST within $TIMEOUT s: $(cat "$WORK/ledger.json")"
  sleep 1
done
jq -e --argjson events "$EVENTS" '.intact and .linksVerified == $events' "$WORK/ledger.json" >/dev/null \
  || fail "ledger verification: $(cat "$WORK/ledger.json")"
log "ledger intact: $(cat "$WORK/ledger.json")"

echo "RESTORE DRILL PASSED: $EVENTS events restored into $TARGET; views identical after a rebuild of" \
     "every projection (${summary[*]}); ledger intact ($(jq -r .linksVerified "$WORK/ledger.json") links);" \
     "$(( $(date +%s) - started )) s"
