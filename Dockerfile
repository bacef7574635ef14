# Latchkey server image: `latchkey serve` on port 4000, SQLite in the /data volume by default.
#   docker build -t latchkey .
#   docker run -d -p 4000:4000 -v latchkey-data:/data latchkey
#   docker run --rm -v latchkey-data:/data latchkey latchkey app create shop --rp-id shop.example --origin https://shop.example --json
# Configuration: the LATCHKEY_* variables only (docs/deployment.md). Another base with Node 24 and Debian's apt:
# --build-arg BASE_IMAGE=… (CI builds one with scripts/container/make-base-image.sh, having no image registry).
ARG BASE_IMAGE=node:24-bookworm-slim

# 1. build: compile the packages to dist/ and pack the two the server needs, exactly as they are published.
FROM ${BASE_IMAGE} AS build
WORKDIR /src
# Every workspace's manifest (npm ci checks the lock file against all of them), then only the packages' dependencies
# and the root's build tools: no apps (Vite, React, Angular) and no bench. No install scripts: nothing here runs native code.
COPY package.json package-lock.json ./
COPY packages/protocol/package.json packages/protocol/
COPY packages/testing/package.json packages/testing/
COPY packages/server/package.json packages/server/
COPY packages/test-support/package.json packages/test-support/
COPY packages/dev-stack/package.json packages/dev-stack/
COPY packages/client/package.json packages/client/
COPY packages/node/package.json packages/node/
COPY apps/demo/package.json apps/demo/
COPY apps/angular-express/package.json apps/angular-express/
COPY bench/package.json bench/
RUN npm ci --ignore-scripts --no-audit --no-fund --include-workspace-root \
		-w @latchkey/protocol -w @latchkey/testing -w @latchkey/client -w @latchkey/node -w @latchkey/server
COPY tsconfig*.json ./
COPY packages/ packages/
RUN npm run build:packages \
	&& mkdir /pack \
	&& npm pack --silent -w @latchkey/protocol -w @latchkey/server --pack-destination /pack

# 2. deps: install the packed server with its production dependencies only, as a user would. better-sqlite3 is
# compiled here (python3, make, g++), against the base's Node headers when the base has them, and never downloaded
# prebuilt (prebuild-install's download is not reachable everywhere). Only the addon itself is kept (the C sources and
# objects are ~12 MB). `allowScripts`: npm 11.21+ asks for approval of dependencies' install scripts (better-sqlite3's
# compiles the addon).
FROM ${BASE_IMAGE} AS deps
RUN if ! command -v python3 >/dev/null || ! command -v make >/dev/null || ! command -v g++ >/dev/null; then \
		apt-get update -qq \
		&& apt-get install -y -qq --no-install-recommends python3 make g++ >/dev/null \
		&& rm -rf /var/lib/apt/lists/*; \
	fi
WORKDIR /opt/latchkey
COPY --from=build /pack/ /pack/
RUN if [ -f /usr/local/include/node/node.h ]; then export npm_config_nodedir=/usr/local; fi \
	&& export npm_config_build_from_source=true \
	&& echo '{"name":"latchkey-image","private":true,"allowScripts":{"better-sqlite3":true}}' >package.json \
	&& npm install --omit=dev --no-audit --no-fund /pack/*.tgz \
	&& cd node_modules/better-sqlite3 \
	&& mv build/Release/better_sqlite3.node . && rm -rf build deps src \
	&& mkdir -p build/Release && mv better_sqlite3.node build/Release/ \
	&& cd /opt/latchkey \
	&& node -e 'new (require("better-sqlite3"))(":memory:").close()' \
	&& node_modules/.bin/latchkey --help >/dev/null

# 3. runtime: the base, the installed node_modules (read-only for the server's user), nothing else.
FROM ${BASE_IMAGE}
RUN groupadd --gid 10001 latchkey \
	&& useradd --uid 10001 --gid latchkey --home-dir /data --no-create-home --shell /usr/sbin/nologin latchkey \
	&& mkdir /data && chown latchkey:latchkey /data
COPY --from=deps /opt/latchkey/node_modules /opt/latchkey/node_modules
RUN ln -s /opt/latchkey/node_modules/.bin/latchkey /usr/local/bin/latchkey
# One server process per container (scale with more containers): the CPU count a container sees is often the host's,
# whatever its CPU limit, and every extra worker costs ~95 MiB. -e LATCHKEY_WORKERS=auto for one per CPU.
ENV LATCHKEY_HOST=0.0.0.0 \
	LATCHKEY_PORT=4000 \
	LATCHKEY_DATABASE_URL=sqlite:/data/latchkey.db \
	LATCHKEY_WORKERS=1
USER 10001:10001
WORKDIR /data
VOLUME /data
EXPOSE 4000
# No curl in slim images: Node's fetch. 127.0.0.1 reaches the server whether it listens on 0.0.0.0 or ::.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
	CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.LATCHKEY_PORT || 4000}/health/http`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# `latchkey serve` is PID 1: it handles SIGTERM itself (finishes in-flight requests, closes the database, exits 0).
CMD ["latchkey", "serve"]
