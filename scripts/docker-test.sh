#!/usr/bin/env bash
# Build the image from a local Debian bookworm base (no registry is reachable here), start it with
# docker-compose, run the contract suite against it over HTTP, check it runs as non-root on a read-only
# filesystem, print size and timings, and tear everything down, also on failure.
set -euo pipefail
cd "$(dirname "$0")/.."

DOCKER=/usr/bin/docker            # Debian's client: BuildKit built in
BASE=local/python-bookworm:3.11   # equivalent of python:3.11-slim-bookworm, cached between runs
IMAGE=event-extraction:test
PROJECT=evxtest
PORT=${DOCKER_TEST_PORT:-18000}
CA=/etc/ssl/certs/ca-certificates.crt
started_dockerd=""
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

compose() { IMAGE=$IMAGE BASE_IMAGE=$BASE HOST_PORTS=$PORT docker-compose -p "$PROJECT" "$@"; }
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

say "building $IMAGE"
t0=$(date +%s)
secret=()
[ -s "$CA" ] && secret=(--secret "id=ca,src=$CA")
DOCKER_BUILDKIT=1 "$DOCKER" build --network host "${secret[@]}" --build-arg BASE_IMAGE="$BASE" -t "$IMAGE" . \
  >/tmp/docker-test-build.log 2>&1 || { tail -40 /tmp/docker-test-build.log; exit 1; }
build_s=$(( $(date +%s) - t0 ))

say "hadolint"
if [ -x .venv/bin/hadolint ]; then .venv/bin/hadolint Dockerfile; fi

say "starting the stack"
t0=$(date +%s)
compose up -d --no-build
cid=$(compose ps -q extractor)
for _ in $(seq 120); do
  state=$("$DOCKER" inspect --format '{{.State.Health.Status}}' "$cid")
  [ "$state" = healthy ] && break
  [ "$state" = unhealthy ] && { "$DOCKER" logs "$cid" | tail -30; exit 1; }
  sleep 1
done
[ "$state" = healthy ] || { "$DOCKER" logs "$cid" | tail -30; exit 1; }
healthy_s=$(( $(date +%s) - t0 ))

say "contract suite against http://127.0.0.1:$PORT"
LIVE_URL="http://127.0.0.1:$PORT" .venv/bin/python -m pytest tests/live -p no:cacheprovider

uid=$("$DOCKER" exec "$cid" id -u)
[ "$uid" != 0 ] || { say "the service runs as root"; exit 1; }
if "$DOCKER" exec "$cid" sh -c 'touch /app/probe' 2>/dev/null; then say "root filesystem is writable"; exit 1; fi
rss=$("$DOCKER" exec "$cid" sh -c 'for p in /proc/[0-9]*; do [ -r $p/status ] && grep -H VmRSS $p/status; done' \
      | awk '{kb+=$2} END {printf "%.0f", kb/1024}')
size=$("$DOCKER" image inspect "$IMAGE" --format '{{.Size}}' | awk '{printf "%.0f", $1/1048576}')
say "figures: image ${size} MiB, build ${build_s}s, up-to-healthy ${healthy_s}s, RSS of all processes after the seeds ${rss} MiB, uid ${uid}, read-only root ok"
