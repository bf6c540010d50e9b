#!/usr/bin/env bash
# Build the images (service and proxy) from a local Debian bookworm base (no registry is reachable here),
# start the stack with docker-compose, run the contract suite through the proxy over HTTP, check both run
# as non-root on a read-only filesystem, then the proxy: request ids, slow clients, its overhead against
# one replica, scaling to 3 replicas and one of them killed under load. Prints sizes and timings, and tears
# everything down, also on failure.
set -euo pipefail
cd "$(dirname "$0")/.."

DOCKER=/usr/bin/docker            # Debian's client: BuildKit built in
BASE=local/python-bookworm:3.11   # equivalent of python:3.11-slim-bookworm, cached between runs
IMAGE=event-extraction:test
PROXY_IMAGE=event-extraction-proxy:test
PROJECT=evxtest
PORT=${DOCKER_TEST_PORT:-18000}
CA=/etc/ssl/certs/ca-certificates.crt
started_dockerd=""
started=$(date +%s)
say() { printf '[docker-test] %s\n' "$*"; }

need() { command -v "$1" >/dev/null 2>&1; }
if ! [ -x "$DOCKER" ] || ! need docker-compose || ! need debootstrap; then
  say "installing docker.io, docker-compose and debootstrap"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io docker-compose debootstrap >/dev/null
fi
if ! "$DOCKER" info >/dev/null 2>&1; then
  say "starting dockerd"
  dockerd >/tmp/docker-test-dockerd.log 2>&1 &
  started_dockerd=$!
  for _ in $(seq 60); do "$DOCKER" info >/dev/null 2>&1 && break; sleep 1; done
fi

URL="http://127.0.0.1:$PORT"
compose() { IMAGE=$IMAGE PROXY_IMAGE=$PROXY_IMAGE BASE_IMAGE=$BASE HOST_PORT=$PORT docker-compose -p "$PROJECT" "$@"; }
cleanup() {
  status=$?
  compose down -v --remove-orphans >/dev/null 2>&1 || true
  if [ -n "$started_dockerd" ]; then kill "$started_dockerd" 2>/dev/null || true; wait "$started_dockerd" 2>/dev/null || true; fi
  [ $status -eq 0 ] && say "passed" || say "FAILED (exit $status)"
}
trap cleanup EXIT

if ! "$DOCKER" image inspect "$BASE" >/dev/null 2>&1; then
  say "building $BASE with debootstrap"
  root=$(mktemp -d)
  debootstrap --variant=minbase --include=python3,python3-venv,ca-certificates bookworm "$root" \
    http://deb.debian.org/debian >/tmp/docker-test-debootstrap.log 2>&1
  tar -C "$root" -c . | "$DOCKER" import -c 'ENV LANG=C.UTF-8' -c 'CMD ["python3"]' - "$BASE" >/dev/null
  rm -rf "$root"
fi

say "building $IMAGE and $PROXY_IMAGE"
t0=$(date +%s)
secret=()
[ -s "$CA" ] && secret=(--secret "id=ca,src=$CA")
DOCKER_BUILDKIT=1 "$DOCKER" build --network host "${secret[@]}" --build-arg BASE_IMAGE="$BASE" -t "$IMAGE" . \
  >/tmp/docker-test-build.log 2>&1 || { tail -40 /tmp/docker-test-build.log; exit 1; }
build_s=$(( $(date +%s) - t0 ))
DOCKER_BUILDKIT=1 "$DOCKER" build --network host --build-arg BASE_IMAGE="$BASE" -t "$PROXY_IMAGE" proxy \
  >/tmp/docker-test-build-proxy.log 2>&1 || { tail -40 /tmp/docker-test-build-proxy.log; exit 1; }

say "hadolint"
if [ -x .venv/bin/hadolint ]; then .venv/bin/hadolint Dockerfile proxy/Dockerfile; fi

# Every container of a service healthy, and as many as asked.
wait_healthy() {
  local service=$1 want=$2 ids state n
  for _ in $(seq 180); do
    ids=$(compose ps -q "$service")
    n=0
    for id in $ids; do
      state=$("$DOCKER" inspect --format '{{.State.Health.Status}}' "$id")
      [ "$state" = unhealthy ] && { "$DOCKER" logs "$id" 2>&1 | tail -30; return 1; }
      [ "$state" = healthy ] && n=$((n + 1))
    done
    [ "$n" -ge "$want" ] && return 0
    sleep 1
  done
  say "$service: $n of $want healthy"; for id in $ids; do "$DOCKER" logs "$id" 2>&1 | tail -20; done; return 1
}
# The replicas the proxy balances now: the addresses of its last "replicas" log line.
proxy_replicas() {
  "$DOCKER" logs "$proxy" 2>&1 >/dev/null | grep '"event": "replicas"' | tail -1 \
    | .venv/bin/python -c 'import json, sys; print(len(json.loads(sys.stdin.read() or "{}").get("addresses", [])))'
}

say "starting the stack"
t0=$(date +%s)
compose up -d --no-build
wait_healthy extractor 1
wait_healthy proxy 1
healthy_s=$(( $(date +%s) - t0 ))
cid=$(compose ps -q extractor)
proxy=$(compose ps -q proxy)

say "contract suite through the proxy at $URL"
LIVE_URL="$URL" .venv/bin/python -m pytest tests/live -p no:cacheprovider

for c in "$cid" "$proxy"; do
  uid=$("$DOCKER" exec "$c" id -u)
  [ "$uid" != 0 ] || { say "$c runs as root"; exit 1; }
  if "$DOCKER" exec "$c" sh -c 'touch /probe' 2>/dev/null; then say "$c: root filesystem is writable"; exit 1; fi
done
rss=$("$DOCKER" exec "$cid" sh -c 'for p in /proc/[0-9]*; do [ -r $p/status ] && grep -H VmRSS $p/status; done' \
      | awk '{kb+=$2} END {printf "%.0f", kb/1024}')
size=$("$DOCKER" image inspect "$IMAGE" --format '{{.Size}}' | awk '{printf "%.0f", $1/1048576}')
proxy_size=$("$DOCKER" image inspect "$PROXY_IMAGE" --format '{{.Size}}' | awk '{printf "%.0f", $1/1048576}')
base_size=$("$DOCKER" image inspect "$BASE" --format '{{.Size}}' | awk '{printf "%.0f", $1/1048576}')

say "request ids through the proxy"
read -r given made < <(.venv/bin/python -m bench.stack request-id --proxy "$URL")
# A log line may land a moment after its response: look for a few seconds.
in_log() {
  for _ in $(seq 20); do "$DOCKER" logs "$1" 2>&1 | grep -F "$2" | grep -q "$3" && return 0; sleep 0.5; done
  return 1
}
for id in "$given" "$made"; do
  in_log "$proxy" "\"request_id\":\"$id\"" '"status":200' || { say "request $id is not in the proxy's JSON access log"; exit 1; }
  in_log "$cid" "\"request_id\": \"$id\"" '"status": 200' || { say "request $id is not in the replica's log"; exit 1; }
done

say "slow clients stop at the proxy"
.venv/bin/python -m bench.stack slow --proxy "$URL"

say "proxy overhead (one replica)"
# Both at their addresses on the compose network: the host's port publishing (docker-proxy) is not the
# proxy's cost, and a replica published directly would pay it too.
ip() { "$DOCKER" inspect --format '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "$1"; }
.venv/bin/python -m bench.stack overhead --proxy "http://$(ip "$proxy"):8080" --direct "http://$(ip "$cid"):8000" \
  --containers "$proxy" "$cid"

say "scaling to 3 replicas with no other change"
compose up -d --no-build --scale extractor=3
wait_healthy extractor 3
for _ in $(seq 30); do [ "$(proxy_replicas)" = 3 ] && break; sleep 1; done
[ "$(proxy_replicas)" = 3 ] || { say "the proxy does not balance 3 replicas"; "$DOCKER" logs "$proxy" 2>&1 >/dev/null | tail; exit 1; }
since=$(date -u +%Y-%m-%dT%H:%M:%SZ)

say "3 replicas under load, one killed mid-run"
replicas=($(compose ps -q extractor))
victim=${replicas[0]}
.venv/bin/python -m bench.stack failover --proxy "$URL" --command "$DOCKER kill $victim" --after 10 --seconds 30
served=$("$DOCKER" logs --since "$since" "$proxy" 2>/dev/null | grep '"path":"/v1/extract"' \
         | .venv/bin/python -c 'import json, sys
lines = [json.loads(l) for l in sys.stdin]   # a retried request lists every replica tried, and each one status
print(len({a.strip() for e in lines for a, s in zip(e["upstream"].split(","), e["upstream_status"].split(","))
           if s.strip() == "200"}))')
say "replicas that answered through the proxy during the run: $served"
[ "$served" -ge 3 ] || { say "least_conn did not spread the load over the 3 replicas"; exit 1; }

say "figures: total $(( $(date +%s) - started ))s, image ${size} MiB (proxy ${proxy_size} MiB, $((proxy_size - base_size)) MiB on the shared base), build ${build_s}s, up-to-healthy ${healthy_s}s, RSS of all processes of a replica after the seeds ${rss} MiB, non-root and read-only root ok"
