#!/usr/bin/env bash
# `make images`: the five service images with podman, on a local Debian bookworm base.
#
# The official base images cannot be pulled here, so the base is built with debootstrap from
# Debian's packages (python3, venv, CA certificates) and imported; the Dockerfiles take it as
# BASE_IMAGE (their default stays python:3.11-slim). Host networking only: --network host on
# every build. A host certificate bundle (SSL_CERT_FILE) reaches the builds as a secret, never
# a layer. Prints each image's size and the build times.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CONTAINERS_CONF="$PWD/deploy/podman/containers.conf"
SERVICES=(personnel training mentoring evaluation welfare)
BASE=localhost/jenjang-base:bookworm
TAG=${IMAGE_TAG:-0.1.0}
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -1)

for tool in podman runc debootstrap; do
  command -v "$tool" >/dev/null || {
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman runc debootstrap >/dev/null
    break
  }
done

if ! podman image exists "$BASE"; then
  started=$SECONDS
  rootfs=$(mktemp -d)
  debootstrap --variant=minbase --include=python3,python3-venv,ca-certificates \
    bookworm "$rootfs" http://deb.debian.org/debian >/dev/null
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | podman import --change 'CMD ["/bin/bash"]' - "$BASE" >/dev/null
  rm -rf "$rootfs"
  echo "base $BASE built in $((SECONDS - started)) s"
fi

secret=()
if [ -n "${SSL_CERT_FILE:-}" ] && [ -s "$SSL_CERT_FILE" ]; then
  secret=(--secret "id=cacert,src=$SSL_CERT_FILE")
fi
for service in "${SERVICES[@]}"; do
  started=$SECONDS
  podman build --network host --format docker -q \
    --build-arg "BASE_IMAGE=$BASE" --build-arg "VERSION=$VERSION" \
    "${secret[@]}" -f "services/$service/Dockerfile" -t "jenjang/$service:$TAG" . >/dev/null
  echo "jenjang/$service:$TAG built in $((SECONDS - started)) s"
done
podman images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep -E 'jenjang' || true
