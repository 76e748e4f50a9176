# Shared by scripts/load, faults and schemathesis (sourced, not run): builds the release binaries,
# copies them aside (other builds may replace target/release while a run is going), makes a
# database with the founding case and one account per role, starts and stops the server.
# shellcheck shell=bash

die() { echo "FATAL: $*" >&2; exit 1; }
say() { printf '\n==> %s\n' "$*"; }

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT="$ROOT/target/reliability"
mkdir -p "$OUT"
PASSWORD="load test password 7"

# TAHAWUL_BINARIES=DIR runs the binaries already in DIR instead (scripts/test passes the
# test build's, so a fresh clone compiles the dependencies twice rather than three times).
build_binaries() {
    local from
    if [ -n "${TAHAWUL_BINARIES:-}" ]; then
        from=$TAHAWUL_BINARIES
        say "Running the binaries in $from (tahawul, tahawul-load)"
    else
        say "Building the release binaries (tahawul, tahawul-load)"
        (cd "$ROOT" && cargo build --quiet --release --locked -p tahawul -p tahawul-loadtest) || die "cargo build --release failed"
        from="${CARGO_TARGET_DIR:-$ROOT/target}/release"
    fi
    WORK=$(mktemp -d /tmp/tahawul-rel.XXXXXX)
    cp "$from/tahawul" "$from/tahawul-load" "$WORK/" || die "cannot copy the binaries from $from"
    TAHAWUL="$WORK/tahawul"
    LOAD="$WORK/tahawul-load"
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# A fresh PostgreSQL database on the server scripts/with-postgres started.
pg_database() {
    [ -n "${TAHAWUL_TEST_POSTGRES:-}" ] || die "no PostgreSQL: run under scripts/with-postgres"
    local name="tahawul_rel_$1_$$_$RANDOM"
    psql -q "$TAHAWUL_TEST_POSTGRES" -v ON_ERROR_STOP=1 -c "CREATE DATABASE $name" >/dev/null || die "cannot create database $name"
    echo "${TAHAWUL_TEST_POSTGRES%/*}/$name"
}

# setup_db URL: the founding case and the accounts the load generator uses.
setup_db() {
    local db=$1
    TAHAWUL_LANG=en "$TAHAWUL" init --example iraq-hmc --database "$db" >/dev/null || die "tahawul init failed on $db"
    local spec
    for spec in "sec secretariat" "us-head delegation-head --party us" "iq-head delegation-head --party iq" \
        "wg-threat working-group-member --party us --factor threat" "partner coalition-partner --party coalition" "auditor auditor"; do
        # shellcheck disable=SC2086
        set -- $spec
        local name=$1 role=$2
        shift 2
        echo "$PASSWORD" | TAHAWUL_LANG=en "$TAHAWUL" user add "$name" --role "$role" "$@" --database "$db" >/dev/null \
            || die "tahawul user add $name failed"
    done
}

SERVER_PID=
# start_server URL PORT LOG
start_server() {
    local db=$1 port=$2 log=$3
    # Every simulated user comes from 127.0.0.1, as behind a reverse proxy: the per-address
    # connection limit (64 by default, against one client hogging the server) would refuse
    # the 200 users of the full load run, so it is raised the way docs/api.md says for a proxy.
    TAHAWUL_LOG=warn "$TAHAWUL" serve --database "$db" --bind "127.0.0.1:$port" \
        --max-connections-per-address 1000 >>"$log" 2>&1 &
    SERVER_PID=$!
    local i
    for i in $(seq 1 600); do
        if curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; then return 0; fi
        kill -0 "$SERVER_PID" 2>/dev/null || { tail -20 "$log" >&2; die "the server exited at start (see $log)"; }
        sleep 0.1
    done
    die "the server did not answer /health within 60 s (see $log)"
}

stop_server() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    SERVER_PID=
}

audit_verify() {
    TAHAWUL_LANG=en "$TAHAWUL" audit verify --database "$1" || die "tahawul audit verify failed on $1"
}
