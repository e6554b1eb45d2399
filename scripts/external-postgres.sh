#!/usr/bin/env bash
# An external PostgreSQL for CareLedger: Debian's PostgreSQL server as a separate process on
# loopback, with a data directory of its own, a database and a login role (docs/deployment.md).
#
#   scripts/external-postgres.sh start    install the server if missing (apt-get, as root), initdb,
#                                         start it, create role and database; prints the connection
#                                         as shell exports on stdout (eval it), everything else on stderr
#   scripts/external-postgres.sh env      print the exports again (the server runs)
#   scripts/external-postgres.sh stop     stop the server (the data directory stays)
#   scripts/external-postgres.sh destroy  stop it and delete the data directory
#
# Settings (environment): CARELEDGER_PGX_DIR (default /tmp/careledger-external-pg),
# CARELEDGER_PGX_PORT (55432), CARELEDGER_PGX_DB (careledger), CARELEDGER_PGX_USER (careledger).
# The role's password is generated at the first start and kept in <dir>/password (mode 600).
# As root the server runs as the OS user "postgres" (created by Debian's package); otherwise as
# the calling user. It listens on 127.0.0.1 only and accepts password (SCRAM) logins only.
#
# The exports are CARELEDGER_EXTERNAL_PG_{URL,HOST,PORT,DB,USER,PASSWORD} (URL = JDBC URL). They
# are deliberately not the SPRING_* names: exported as SPRING_DATASOURCE_URL, every application
# started from that shell (and every test) would use this server. To run the application on it:
#   eval "$(scripts/external-postgres.sh start)"
#   SPRING_DATASOURCE_URL=$CARELEDGER_EXTERNAL_PG_URL SPRING_DATASOURCE_USERNAME=$CARELEDGER_EXTERNAL_PG_USER \
#   SPRING_DATASOURCE_PASSWORD=$CARELEDGER_EXTERNAL_PG_PASSWORD \
#   SPRING_R2DBC_URL=r2dbc:postgresql://127.0.0.1:$CARELEDGER_EXTERNAL_PG_PORT/$CARELEDGER_EXTERNAL_PG_DB \
#   SPRING_R2DBC_USERNAME=$CARELEDGER_EXTERNAL_PG_USER SPRING_R2DBC_PASSWORD=$CARELEDGER_EXTERNAL_PG_PASSWORD \
#   java -jar infra/target/careledger.jar   # plus the shared secrets, see docs/deployment.md
set -euo pipefail

DIR=${CARELEDGER_PGX_DIR:-/tmp/careledger-external-pg}
PORT=${CARELEDGER_PGX_PORT:-55432}
DB=${CARELEDGER_PGX_DB:-careledger}
ROLE=${CARELEDGER_PGX_USER:-careledger}
DATA=$DIR/data

log() { echo "external-postgres: $*" >&2; }

bindir() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [[ -x $d/pg_ctl && -x $d/initdb && -x $d/postgres ]]; then echo "$d"; return 0; fi
  done
  return 1
}

install_server() {
  if bindir >/dev/null; then return 0; fi
  if [[ $(id -u) -ne 0 ]]; then
    log "Debian's PostgreSQL server is not installed and this is not root: run 'sudo apt-get install -y postgresql'"
    exit 1
  fi
  log "installing Debian's PostgreSQL server (apt-get install postgresql)"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >&2
  bindir >/dev/null || { log "no pg_ctl under /usr/lib/postgresql/*/bin after the install"; exit 1; }
}

# runs a command as the server's OS user
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

exports() {
  local password
  password=$(cat "$DIR/password")
  cat <<EOF
export CARELEDGER_EXTERNAL_PG_HOST=127.0.0.1
export CARELEDGER_EXTERNAL_PG_PORT=$PORT
export CARELEDGER_EXTERNAL_PG_DB=$DB
export CARELEDGER_EXTERNAL_PG_USER=$ROLE
export CARELEDGER_EXTERNAL_PG_PASSWORD=$password
export CARELEDGER_EXTERNAL_PG_URL=jdbc:postgresql://127.0.0.1:$PORT/$DB
EOF
}

running() {
  local bin
  bin=$(bindir) || return 1
  [[ -f $DATA/PG_VERSION ]] && as_owner "$bin/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

start() {
  install_server
  local bin owner
  bin=$(bindir)
  owner=$(if [[ $(id -u) -eq 0 ]]; then echo postgres; else id -un; fi)
  mkdir -p "$DIR"
  chmod 755 "$DIR"
  if [[ ! -f $DIR/password ]]; then
    (umask 077; od -An -N18 -tx1 /dev/urandom | tr -d ' \n' > "$DIR/password")
  fi
  if [[ ! -f $DATA/PG_VERSION ]]; then
    log "initdb $DATA ($("$bin/postgres" --version))"
    mkdir -p "$DATA"
    # the superuser's password is the role's too; it is only ever used on loopback
    install -m 600 "$DIR/password" "$DIR/pwfile"
    chown -R "$owner" "$DATA" "$DIR/pwfile"
    as_owner "$bin/initdb" -D "$DATA" -U postgres --pwfile="$DIR/pwfile" \
        --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >&2
    rm -f "$DIR/pwfile"
  fi
  if running; then
    log "already running on 127.0.0.1:$PORT"
  else
    log "starting $bin/postgres on 127.0.0.1:$PORT (log $DIR/server.log)"
    touch "$DIR/server.log"; chown "$owner" "$DIR/server.log"
    # unix sockets only inside the data directory: nothing shared with a system cluster
    as_owner "$bin/pg_ctl" -D "$DATA" -l "$DIR/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$DATA -c max_connections=200" \
        start >&2
  fi
  local password psql
  password=$(cat "$DIR/password")
  psql() { PGPASSWORD=$password "$bin/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
  if [[ $(psql -c "SELECT count(*) FROM pg_roles WHERE rolname = '$ROLE'") == 0 ]]; then
    log "creating role $ROLE (LOGIN CREATEDB) and database $DB"
    psql -c "CREATE ROLE \"$ROLE\" LOGIN CREATEDB PASSWORD '$password'"
  fi
  if [[ $(psql -c "SELECT count(*) FROM pg_database WHERE datname = '$DB'") == 0 ]]; then
    psql -c "CREATE DATABASE \"$DB\" OWNER \"$ROLE\""
  fi
  exports
}

stop() {
  local bin
  if ! bin=$(bindir); then return 0; fi
  if running; then
    log "stopping the server of $DATA"
    as_owner "$bin/pg_ctl" -D "$DATA" -m fast -w stop >&2
  fi
}

case "${1:-}" in
  start) start ;;
  env) running || { log "not running"; exit 1; }; exports ;;
  stop) stop ;;
  destroy) stop; rm -rf "$DIR" ;;
  *) sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
