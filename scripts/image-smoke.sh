#!/usr/bin/env bash
# Starts the container image built by `./mvnw verify` (infra/target/careledger-image.tar) without
# a container engine and checks it: the image's layers are unpacked into a root directory, and its
# entrypoint runs there (chroot, own PID and mount namespace with /proc, as the image's user) with
# the image's environment plus configuration given only as environment variables: Debian's
# PostgreSQL of scripts/external-postgres.sh (CARELEDGER_EXTERNAL_PG_* must be set), the white-list
# on the embedded MongoDB-wire server, and every shared secret. Passes when the readiness probe
# answers UP, the process runs as the image's non-root user, and the configured certificate key is
# the one published. Needs root (chroot, unshare), jq, curl, openssl.
# Usage: scripts/image-smoke.sh [infra/target/careledger-image.tar]
set -euo pipefail
TAR=$(realpath "${1:-infra/target/careledger-image.tar}")
: "${CARELEDGER_EXTERNAL_PG_PORT:?start scripts/external-postgres.sh first (eval its output)}"
log() { echo "image-smoke: $*" >&2; }
[[ $(id -u) -eq 0 ]] || { log "needs root (chroot and unshare)"; exit 1; }

WORK=$(mktemp -d /tmp/careledger-image-smoke.XXXXXX)
ROOT=$WORK/root
DB=careledger_image_$(date +%s)
PID=
export PGPASSWORD=$CARELEDGER_EXTERNAL_PG_PASSWORD
psql_() { psql -X -h "$CARELEDGER_EXTERNAL_PG_HOST" -p "$CARELEDGER_EXTERNAL_PG_PORT" -U "$CARELEDGER_EXTERNAL_PG_USER" -d postgres -qtA -c "$1"; }
cleanup() {
  if [[ -n $PID ]] && kill -0 "$PID" 2>/dev/null; then
    local java
    java=$(pgrep -P "$PID" || true)
    [[ -n $java ]] && kill -TERM "$java" 2>/dev/null || true
    wait "$PID" 2>/dev/null || true
  fi
  psql_ "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# 1. unpack: manifest.json names the config and the layers, base first
mkdir -p "$WORK/tar" "$ROOT"
tar --warning=no-unknown-keyword -xf "$TAR" -C "$WORK/tar"
CONFIG=$WORK/tar/$(jq -r '.[0].Config' "$WORK/tar/manifest.json")
for layer in $(jq -r '.[0].Layers[]' "$WORK/tar/manifest.json"); do
  tar --warning=no-unknown-keyword -xzf "$WORK/tar/$layer" -C "$ROOT"
done
USER_SPEC=$(jq -r '.config.User' "$CONFIG")
mapfile -t ENTRYPOINT < <(jq -r '.config.Entrypoint[]' "$CONFIG")
mapfile -t IMAGE_ENV < <(jq -r '.config.Env[]' "$CONFIG")
log "image: user $USER_SPEC, entrypoint ${ENTRYPOINT[*]}, $(du -sh "$ROOT" | cut -f1) unpacked"
[[ ${USER_SPEC%%:*} != 0 && -n $USER_SPEC && $USER_SPEC != root* ]] || { log "the image runs as root"; exit 1; }

# 2. configuration through the environment only
psql_ "CREATE DATABASE $DB"
openssl genpkey -algorithm ed25519 -outform DER -out "$WORK/cert.pk8"
openssl pkey -inform DER -in "$WORK/cert.pk8" -pubout -outform DER -out "$WORK/cert.pub"
PUBLIC_KEY=$(base64 -w0 "$WORK/cert.pub")
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/jwt.pem" 2>/dev/null
openssl pkcs8 -topk8 -nocrypt -in "$WORK/jwt.pem" -outform DER -out "$WORK/jwt.pk8"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 18091)
PG="$CARELEDGER_EXTERNAL_PG_HOST:$CARELEDGER_EXTERNAL_PG_PORT/$DB"
CONFIG_ENV=(
  PORT="$PORT" ADDRESS=127.0.0.1
  SPRING_DATASOURCE_URL="jdbc:postgresql://$PG" SPRING_R2DBC_URL="r2dbc:postgresql://$PG"
  SPRING_DATASOURCE_USERNAME="$CARELEDGER_EXTERNAL_PG_USER" SPRING_DATASOURCE_PASSWORD="$PGPASSWORD"
  SPRING_R2DBC_USERNAME="$CARELEDGER_EXTERNAL_PG_USER" SPRING_R2DBC_PASSWORD="$PGPASSWORD"
  CARELEDGER_PRIVACY_MASTERKEY="$(openssl rand -base64 32)"
  CARELEDGER_PRIVACY_CITIZENIDHASHKEY="$(openssl rand -base64 32)"
  CARELEDGER_CERTIFICATES_SIGNINGKEY="$(base64 -w0 "$WORK/cert.pk8")"
  CARELEDGER_CERTIFICATES_PUBLICKEY="$PUBLIC_KEY"
  CARELEDGER_ELICENSE_PLATFORMS_SMOKE_SECRET="$(openssl rand -hex 16)"
  CARELEDGER_SECURITY_LOCALSIGNINGKEY="$(base64 -w0 "$WORK/jwt.pk8")"
  JAVA_TOOL_OPTIONS="-Xmx512m -XX:TieredStopAtLevel=1"
)

# 3. run it as a container engine would: own PID and mount namespaces, /proc, chroot, its user
log "starting on 127.0.0.1:$PORT, database $DB, log $WORK/app.log"
# (env -i: only the image's environment and the configuration; the host tools by absolute path)
env -i "${IMAGE_ENV[@]}" "${CONFIG_ENV[@]}" \
  "$(command -v unshare)" --mount --pid --fork --mount-proc="$ROOT/proc" \
  "$(command -v chroot)" --userspec="$USER_SPEC" "$ROOT" "${ENTRYPOINT[@]}" > "$WORK/app.log" 2>&1 &
PID=$!
started=$(date +%s)
until [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/actuator/health/readiness") == 200 ]]; do
  if ! kill -0 "$PID" 2>/dev/null || (( $(date +%s) - started > 300 )); then
    tail -40 "$WORK/app.log" >&2
    log "FAILED: not ready"
    exit 1
  fi
  sleep 2
done
log "readiness UP after $(( $(date +%s) - started )) s; liveness: $(curl -s "http://127.0.0.1:$PORT/actuator/health/liveness")"
JAVA_PID=$(pgrep -P "$PID")
RUNS_AS=$(stat -c %u "/proc/$JAVA_PID")
[[ $RUNS_AS == "${USER_SPEC%%:*}" ]] || { log "FAILED: runs as uid $RUNS_AS"; exit 1; }
curl -s "http://127.0.0.1:$PORT/api/v1/public/certificates/public-key" | grep -qF "$PUBLIC_KEY" \
  || { log "FAILED: the published certificate key is not the configured one"; exit 1; }
[[ $(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$PORT/api/v1/dev/tokens" \
     -H 'Content-Type: application/json' -d '{"role":"ADMIN"}') == 404 ]] \
  || { log "FAILED: the local token issuer answers in the image"; exit 1; }
EVENTS_TABLE=$(psql_ "SELECT 1" >/dev/null && PGDATABASE=$DB psql -X -h "$CARELEDGER_EXTERNAL_PG_HOST" \
  -p "$CARELEDGER_EXTERNAL_PG_PORT" -U "$CARELEDGER_EXTERNAL_PG_USER" -d "$DB" -qtA \
  -c "SELECT count(*) FROM information_schema.tables WHERE table_name = 'domain_event_entry'")
[[ $EVENTS_TABLE == 1 ]] || { log "FAILED: no event store in $DB"; exit 1; }
echo "image-smoke: PASSED: $(basename "$TAR") ready in $(( $(date +%s) - started )) s as uid $RUNS_AS on Debian PostgreSQL ($DB), certificate key from the environment, no local issuer"
