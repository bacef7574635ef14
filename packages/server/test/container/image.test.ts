import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import type { TestApp } from "@latchkey/test-support";
import { httpFlow, SoftAuthenticator } from "../process/http-flow.ts";
import { buildImage, containerSkip, freePort, podman, podmanStatus, waitForHealth } from "./podman.ts";

const IMAGE = "localhost/latchkey:test";
const ORIGIN = "http://localhost:8080";
const name = `latchkey-test-${process.pid}`;
const volume = `${name}-data`;

describe("container image (Dockerfile)", { skip: containerSkip }, () => {
	const containers: string[] = [];
	const authenticator = new SoftAuthenticator();
	let built = false;
	let app: TestApp;
	let url = "";

	/** Starts a container of the image on the volume, publishes 4000 on a free 127.0.0.1 port, waits for health. */
	async function start(container: string): Promise<number> {
		assert.ok(built, "the image was built");
		const port = await freePort();
		const started = performance.now();
		podman(["run", "-d", "--name", container, "-v", `${volume}:/data`, "-p", `127.0.0.1:${port}:4000`, IMAGE]);
		containers.push(container);
		url = `http://127.0.0.1:${port}`;
		await waitForHealth(url);
		return performance.now() - started;
	}

	async function signIn(): Promise<string> {
		const flow = httpFlow(url, app, ORIGIN);
		const { data, session } = await flow.beginSignIn({ alias: "ada@example.com" });
		const response = authenticator.getAssertion(data as never, { origin: ORIGIN });
		const complete = await flow.post("/signin/complete", { session, response, RPID: "localhost", Origin: ORIGIN }, "public");
		assert.equal(complete.status, 200, JSON.stringify(complete.body));
		const verified = await flow.post("/signin/verify", { token: complete.body.token }, "secret");
		assert.equal(verified.status, 200, JSON.stringify(verified.body));
		return verified.body.userId as string;
	}

	after(() => {
		for (const container of containers) podmanStatus(["rm", "--force", "--time", "0", container]);
		podmanStatus(["volume", "rm", "--force", volume]);
	});

	it("builds from the repository's Dockerfile on a local Node 24 base image", { timeout: 30 * 60_000 }, (t) => {
		const { baseSeconds, buildSeconds } = buildImage(IMAGE);
		built = true;
		const size = Number(podman(["image", "inspect", "--format", "{{.Size}}", IMAGE]));
		t.diagnostic(
			`base image ${baseSeconds.toFixed(1)} s, podman build ${buildSeconds.toFixed(1)} s, image ${(size / 2 ** 20).toFixed(0)} MiB`,
		);
		const config = JSON.parse(podman(["image", "inspect", "--format", "{{json .Config}}", IMAGE])) as {
			User: string;
			Cmd: string[];
			Env: string[];
			ExposedPorts: Record<string, unknown>;
			Volumes: Record<string, unknown>;
		};
		assert.equal(config.User, "10001:10001");
		assert.deepEqual(config.Cmd, ["latchkey", "serve"]);
		assert.ok("4000/tcp" in config.ExposedPorts);
		assert.ok("/data" in config.Volumes);
		assert.ok(config.Env.includes("LATCHKEY_DATABASE_URL=sqlite:/data/latchkey.db"));
		assert.ok(config.Env.includes("LATCHKEY_WORKERS=1"), "one server process per container");
		// The server's production dependencies only: no build tools; the PostgreSQL driver (optional) is there.
		const installed = podman(["run", "--rm", IMAGE, "ls", "/opt/latchkey/node_modules"]).split("\n");
		for (const tool of ["tsx", "esbuild", "typescript"]) assert.ok(!installed.includes(tool), `${tool} is installed`);
		assert.ok(installed.includes("pg") && installed.includes("better-sqlite3"), installed.join(" "));
	});

	it("creates an app with `latchkey app create` in a one-off container on the volume", () => {
		assert.ok(built, "the image was built");
		podman(["volume", "create", volume]);
		const args = ["app", "create", "shop", "--rp-id", "localhost", "--origin", ORIGIN, "--json"];
		const stdout = podman(["run", "--rm", "-v", `${volume}:/data`, IMAGE, "latchkey", ...args]);
		app = JSON.parse(stdout) as TestApp;
		assert.equal(app.appId, "shop");
		assert.match(app.apiKey, /^shop:public:[0-9a-f]{32}$/);
		assert.match(app.apiSecret, /^shop:secret:[0-9a-f]{32}$/);
	});

	it("answers /health/http on the published port and passes its HEALTHCHECK", async (t) => {
		const ms = await start(`${name}-1`);
		t.diagnostic(`podman run to the first /health/http answer: ${ms.toFixed(0)} ms`);
		assert.deepEqual(await (await fetch(`${url}/health/http`)).json(), { status: "ok" });
		assert.equal(podmanStatus(["healthcheck", "run", `${name}-1`]), 0);
	});

	it("registers a passkey and signs in with it through the published port", async () => {
		const flow = httpFlow(url, app, ORIGIN);
		const token = await flow.post("/register/token", { userId: "ada", username: "ada", aliases: ["ada@example.com"] }, "secret");
		assert.equal(token.status, 200, JSON.stringify(token.body));
		const begin = await flow.post("/register/begin", { token: token.body.token, RPID: "localhost", Origin: ORIGIN }, "public");
		assert.equal(begin.status, 200, JSON.stringify(begin.body));
		const response = authenticator.createCredential(begin.body.data as never, { origin: ORIGIN });
		const complete = await flow.post(
			"/register/complete",
			{ session: begin.body.session, response, RPID: "localhost", Origin: ORIGIN },
			"public",
		);
		assert.equal(complete.status, 200, JSON.stringify(complete.body));
		assert.equal(await signIn(), "ada");
	});

	it("runs the server as the non-root user 10001", async (t) => {
		const status = podman(["exec", `${name}-1`, "cat", "/proc/1/status"]);
		const uids = /^Uid:\s+(.+)$/m.exec(status)?.[1]?.split(/\s+/);
		assert.deepEqual(uids, ["10001", "10001", "10001", "10001"]);
		// Idle memory: each process's RSS (the supervisor and one worker per CPU; shared pages count in each) and the
		// container's memory cgroup as podman reports it.
		const rss = podman([
			"exec",
			`${name}-1`,
			"node",
			"-e",
			`const fs = require("fs"); const out = [];
			for (const pid of fs.readdirSync("/proc").filter((p) => /^\\d+$/.test(p) && Number(p) !== process.pid)) {
				const m = /VmRSS:\\s+(\\d+)/.exec(fs.readFileSync("/proc/" + pid + "/status", "utf8")); if (m) out.push((m[1] / 1024).toFixed(1));
			}
			console.log(out.join(" + "));`,
		]);
		let stats = "unknown (podman stats failed)";
		try {
			stats = podman(["stats", "--no-stream", "--format", "{{.MemUsage}}", `${name}-1`]);
		} catch {
			// no memory cgroup readable here: the RSS above is the figure
		}
		t.diagnostic(`idle RSS per process: ${rss} MiB; container memory: ${stats}`);
	});

	it("keeps the users and passkeys in the volume: a new container signs the same passkey in", async () => {
		podman(["stop", "--time", "10", `${name}-1`], 30_000);
		podman(["rm", `${name}-1`]);
		await start(`${name}-2`);
		assert.equal(await signIn(), "ada");
	});

	it("stops cleanly within 10 s on SIGTERM (podman stop), exiting 0", () => {
		const started = performance.now();
		podman(["stop", "--time", "10", `${name}-2`], 30_000);
		const seconds = (performance.now() - started) / 1000;
		assert.ok(seconds < 10, `podman stop took ${seconds.toFixed(1)} s`);
		assert.equal(podman(["inspect", "--format", "{{.State.ExitCode}}", `${name}-2`]), "0");
		const lines = podman(["logs", `${name}-2`])
			.split("\n")
			.filter((l) => l.startsWith("{"))
			.map((l) => JSON.parse(l) as { msg: string; signal?: string });
		assert.ok(lines.some((l) => l.msg.startsWith("shutting down") && l.signal === "SIGTERM"));
	});
});
