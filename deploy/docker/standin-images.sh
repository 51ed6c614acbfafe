#!/usr/bin/env bash
# Stand-ins for the Dockerfile's base images, for a machine that cannot reach Docker Hub: a Debian
# bookworm root from debootstrap (docker import), plus Debian's OpenJDK 17, tagged with the names the
# Dockerfile's FROM lines use:
#   eclipse-temurin:17-jdk   openjdk-17-jdk-headless (the build stage: mvnw, javac)
#   eclipse-temurin:17-jre   openjdk-17-jre-headless (the runtime stage)
# Both trust the host's CA certificates (its Java cacerts and CA bundle are copied in), so Maven inside a
# build container works behind a TLS-intercepting proxy as it does on the host.
#
# Needs root, debootstrap and a running Docker daemon (DOCKER_HOST); .ci/docker-image does all of it.
# Existing stand-ins are kept unless STANDIN_REBUILD=1. Mirror: DEBIAN_MIRROR (default: deb.debian.org).
set -euo pipefail
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
SUITE=bookworm
BASE=storefront-standin/debian:$SUITE
HOST_CACERTS=${HOST_CACERTS:-/etc/ssl/certs/java/cacerts}
HOST_BUNDLE=${HOST_BUNDLE:-/etc/ssl/certs/ca-certificates.crt}

if [[ "${STANDIN_REBUILD:-0}" != 1 ]] && docker image inspect eclipse-temurin:17-jdk eclipse-temurin:17-jre >/dev/null 2>&1; then
  echo "stand-in images present (STANDIN_REBUILD=1 remakes them)"
  exit 0
fi
for file in "$HOST_CACERTS" "$HOST_BUNDLE"; do
  [[ -s "$file" ]] || { echo "missing $file (the host's CA certificates to copy in)" >&2; exit 1; }
done

work=$(mktemp -d /tmp/storefront-standin.XXXXXX)
trap 'rm -rf "$work"' EXIT

if [[ "${STANDIN_REBUILD:-0}" == 1 ]] || ! docker image inspect "$BASE" >/dev/null 2>&1; then
  echo "debootstrap $SUITE (minbase) from $MIRROR"
  debootstrap --variant=minbase "$SUITE" "$work/rootfs" "$MIRROR" >"$work/debootstrap.log" 2>&1 \
    || { tail -50 "$work/debootstrap.log" >&2; exit 1; }
  rm -rf "$work"/rootfs/var/cache/apt/archives/*.deb "$work"/rootfs/var/lib/apt/lists/*
  tar -C "$work/rootfs" -c . | docker import --change 'CMD ["/bin/bash"]' - "$BASE"
  rm -rf "$work/rootfs"
fi

cp "$HOST_CACERTS" "$work/cacerts"
cp "$HOST_BUNDLE" "$work/ca-certificates.crt"
for variant in jdk jre; do
  cat >"$work/Dockerfile" <<DOCKERFILE
FROM $BASE
COPY ca-certificates.crt /tmp/host-ca-certificates.crt
COPY cacerts /tmp/host-cacerts
RUN apt-get update \\
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openjdk-17-$variant-headless \\
 && rm -rf /var/lib/apt/lists/* \\
 && cp /tmp/host-ca-certificates.crt /etc/ssl/certs/ca-certificates.crt \\
 && mkdir -p /etc/ssl/certs/java && cp /tmp/host-cacerts /etc/ssl/certs/java/cacerts \\
 && rm /tmp/host-ca-certificates.crt /tmp/host-cacerts
ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64 LANG=C.UTF-8
DOCKERFILE
  echo "building eclipse-temurin:17-$variant (stand-in: Debian openjdk-17-$variant-headless)"
  DOCKER_BUILDKIT=0 docker build -q -t "eclipse-temurin:17-$variant" "$work"
done
docker run --rm eclipse-temurin:17-jre java -version
