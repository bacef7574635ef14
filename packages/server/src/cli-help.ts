/** The text `latchkey <command> --help` prints, by topic ("main" is the command list). */
export const HELP: Record<string, string> = {
	main: `latchkey — self-hosted passkey server (Passwordless.dev-compatible API)

Usage: latchkey <command> [options]

Commands:
  serve                 Run the server
  dev                   Run the server with the playground and a local dev app (what \`npm start\` runs)
  app create <appId>    Create an app and print its keys once
  app keys <appId>      List an app's keys (ids, kinds, scopes, locked)
  app rotate-key <appId> --kind public|secret
                        Issue a new key and delete the old ones of that kind
  app lock-key <appId> <keyId>, app unlock-key <appId> <keyId>
                        Lock or unlock one key (a locked key answers 401)
  pool create <appId> --region <region> --rp-id <rpId>
                        Create an app with a Cognito-style user pool (AWS SDK endpoint) and print its ids once
  pool list             List the user pools (id, app, client id, issuer)
  pool rotate-key <userPoolId>
                        Sign new tokens with a new RS256 key; the old keys stay published
  mds import <blob.jwt> Verify a FIDO metadata (MDS3) blob offline and store it
  mds status            Show the imported FIDO metadata blob (number, nextUpdate, entries)
  migrate               Apply the database migrations and exit
  export                Write every app, key, credential, alias, auth config and event as JSON Lines
  import                Load an export into an empty database (e.g. from SQLite into PostgreSQL)

Run 'latchkey <command> --help' for the options of a command.`,
	serve: `Usage: latchkey serve [--port 4000] [--host 127.0.0.1] [--database sqlite:./data/latchkey.db] [--dev]

Options:
  --port <n>         Port to listen on (env LATCHKEY_PORT, default 4000)
  --host <addr>      Interface to listen on (env LATCHKEY_HOST, default 127.0.0.1)
  --database <url>   sqlite:<path> or postgres://user:password@host:5432/db
                     (env LATCHKEY_DATABASE_URL, default sqlite:./data/latchkey.db)
  --dev              Serve the playground page at / (env LATCHKEY_DEV=1)
  --workers <n>      Server processes sharing the port (node:cluster), or 'auto' for one per core
                     (env LATCHKEY_WORKERS, default: one per core; not with --dev)
  -h, --help         Show this help`,
	dev: `Usage: latchkey dev [--port 4000] [--host 127.0.0.1] [--database sqlite:./data/latchkey.db]

Creates the local dev app (RP ID localhost) if it does not exist, prints its keys and the playground URL, and serves.`,
	"app keys": `Usage: latchkey app keys <appId> [--database <url>] [--json]

Lists the app's API keys: id (to lock or unlock), kind, scopes, locked, created. Never the keys themselves.`,
	"app rotate-key": `Usage: latchkey app rotate-key <appId> --kind public|secret [--keep-old] [--database <url>] [--json]

Issues a new key of that kind (same scopes) and prints it once; deletes the old keys of that kind unless
--keep-old (then roll the new key out and lock the old one with 'latchkey app lock-key').
Nodes sharing a database drop the old key within 2 seconds.`,
	"app lock-key": `Usage: latchkey app lock-key <appId> <keyId> [--database <url>]
       latchkey app unlock-key <appId> <keyId> [--database <url>]

A locked key answers 401 exactly like an unknown one; unlocking restores it. Key ids: 'latchkey app keys <appId>'.`,
	"app create": `Usage: latchkey app create <appId> --rp-id <rpId> --origin <origin> [--origin …] [--related-origin <origin> …] [--top-origin <origin> …] [--database <url>] [--json] [--reusable-verify-tokens]

Options:
  --rp-id <rpId>     The WebAuthn RP ID, e.g. example.com (required)
  --origin <origin>  An allowed origin (repeatable); none = https on the RP ID or its subdomains
  --related-origin <origin>
                     An https origin on another domain that uses this RP ID (repeatable); listed in
                     /apps/<appId>/.well-known/webauthn for the RP ID's host to publish
  --top-origin <origin>
                     A page allowed to embed ceremonies in a cross-origin iframe (repeatable); none by default
  --database <url>   sqlite:<path> or postgres://… (env LATCHKEY_DATABASE_URL)
  --json             Print exactly one JSON object {"appId","apiKey","apiSecret"} on stdout
  --reusable-verify-tokens
                     Let /signin/verify accept a verify token again until it expires (upstream behaviour);
                     by default a verify token is single-use
  -h, --help         Show this help`,
	"pool create": `Usage: latchkey pool create <appId> --region <region> --rp-id <rpId> [--origin <origin> …] [--database <url>] [--json]

Creates an app (as 'latchkey app create') and its user pool for the Cognito-compatible endpoint (docs/cognito.md):
pool id <region>_<9 letters/digits>, an app client id, and an RS256 signing key. Point the AWS SDK at this server
with { region, endpoint } and use the client id.

Options:
  --region <region>  The AWS region name in the pool id, e.g. us-east-1 (required)
  --rp-id <rpId>     The WebAuthn RP ID, e.g. example.com (required)
  --origin <origin>  An allowed origin (repeatable); none = https on the RP ID or its subdomains
  --database <url>   sqlite:<path> or postgres://… (env LATCHKEY_DATABASE_URL)
  --json             Print exactly one JSON object {"appId","apiKey","apiSecret","userPoolId","clientId","issuer"}
  -h, --help         Show this help

The issuer is <LATCHKEY_PUBLIC_URL>/<userPoolId> (without LATCHKEY_PUBLIC_URL: http://<host>:<port>/<userPoolId>).`,
	"pool list": `Usage: latchkey pool list [--database <url>] [--json]

Lists the user pools: id, app, app client id and token issuer.`,
	"pool rotate-key": `Usage: latchkey pool rotate-key <userPoolId> [--database <url>] [--json]

Makes a new RS256 key the pool's signing key. The old keys stay in the pool's JWKS, so tokens they signed verify
until they expire.`,
	"mds import": `Usage: latchkey mds import <blob.jwt> [--database <url>] [--root <pem-file>] [--force] [--json]

Verifies a FIDO Metadata Service (MDS3) blob without the network and stores it for the server (docs/attestation.md):
the JWS signature with the key of its x5c[0] certificate, the x5c chain up to the FIDO MDS root shipped with
Latchkey (GlobalSign Root CA - R3, data/fido-mds-root.pem) with every certificate valid now, and that its nextUpdate
date has not passed. Download the blob from https://mds3.fidoalliance.org/ on a machine that has internet and copy
the file here. Running servers pick the new blob up within a minute.
A refused blob prints one line naming the problem and exits 2; nothing is stored.

Options:
  --database <url>   sqlite:<path> or postgres://… (env LATCHKEY_DATABASE_URL)
  --root <pem-file>  Trust the certificate(s) in this PEM file instead of the shipped root (a private MDS mirror, tests)
  --force            Import even when the stored blob has a higher number (going back on purpose)
  --json             Print exactly one JSON object {"no","nextUpdate","entries","importedAt","previousNo"}
  -h, --help         Show this help`,
	"mds status": `Usage: latchkey mds status [--database <url>] [--json]

Shows the imported FIDO metadata blob: its number, nextUpdate date, when it was imported and how many entries it has,
with a warning on stderr when nextUpdate has passed (import a fresh blob). --json prints one object
{"no","nextUpdate","importedAt","entries","expired"}, or null when no blob was imported.`,
	migrate: `Usage: latchkey migrate [--database <url>]

Applies the forward-only migrations the database has not seen yet and exits (serve does the same at start).
On PostgreSQL it holds an advisory lock meanwhile, so nodes starting at the same time migrate once.

Options:
  --database <url>   sqlite:<path> or postgres://… (env LATCHKEY_DATABASE_URL)
  -h, --help         Show this help`,
	export: `Usage: latchkey export [--database <url>] [--out <file>] [--without-events]

Writes the whole database as JSON Lines: a header line, then apps (with settings), API keys as stored (salted
hashes), auth configs, credentials, aliases, user pools with their signing keys (private keys included: keep
the file secret) and events. Sessions and tokens (minutes-long) are not exported.
The file holds key hashes and users' aliases: keep it private.

Options:
  --database <url>   sqlite:<path> or postgres://… (env LATCHKEY_DATABASE_URL)
  --out <file>       Write here (mode 600; written whole, then renamed) instead of stdout
  --without-events   Leave the event log out
  -h, --help         Show this help`,
	import: `Usage: latchkey import [--database <url>] [--in <file>]

Loads a 'latchkey export' into an empty database (migrated first), all in one transaction: either everything is
imported or nothing. The same API keys keep working and every passkey still signs in.

Options:
  --database <url>   sqlite:<path> or postgres://… (env LATCHKEY_DATABASE_URL)
  --in <file>        Read this file instead of stdin
  -h, --help         Show this help`,
};
