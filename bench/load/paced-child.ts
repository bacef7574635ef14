// The load-curve load generator, in a process of its own: it registers its own users on the server under test, then
// runs one paced step per request from the parent (bench/run.ts, over IPC). A fresh process has a small heap, so its
// own pauses (a major GC of the parent's users, keys and hundreds of thousands of recorded latencies: 14–24 ms per
// step when the curve ran in the parent) do not end up in the server's p99.

import type { Agent } from "node:http";
import { CoseAlgorithm, type PublicKeyCredentialCreationOptionsJSON, SoftAuthenticator } from "@latchkey/testing";
import { type PacedUser, pacedSignIns, warmAgent } from "./paced-sign-ins.ts";

/** Messages from the parent. */
export type ToChild =
	| { type: "setup"; url: string; keys: { apiKey: string; apiSecret: string }; users: number; rpId: string; origin: string }
	| { type: "step"; perSecond: number; seconds: number }
	| { type: "exit" };

/** Messages to the parent. */
export type FromChild =
	| { type: "ready" }
	| { type: "result"; run: Awaited<ReturnType<typeof pacedSignIns>>; cpuSeconds: number }
	| { type: "error"; message: string };

const send = (message: FromChild): void => {
	process.send?.(message);
};
let setup: Extract<ToChild, { type: "setup" }> | null = null;
const authenticator = new SoftAuthenticator({ algorithms: [CoseAlgorithm.ES256] });
const users: PacedUser[] = [];
/** One pool of warm keep-alive connections for every step. */
let agent: Agent | null = null;

async function post<T>(path: string, secret: boolean, body: unknown): Promise<T> {
	if (!setup) throw new Error("not set up");
	const response = await fetch(setup.url + path, {
		method: "POST",
		headers: { "content-type": "application/json", ...(secret ? { ApiSecret: setup.keys.apiSecret } : { ApiKey: setup.keys.apiKey }) },
		body: JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${path} ${response.status} ${text.slice(0, 200)}`);
	return JSON.parse(text) as T;
}

async function registerUsers(count: number): Promise<void> {
	if (!setup) return;
	const party = { RPID: setup.rpId, Origin: setup.origin };
	for (let i = 0; i < count; i++) {
		const userId = `curve-${i}`;
		const { token } = await post<{ token: string }>("/register/token", true, { userId, username: userId, attestation: "none" });
		const begin = await post<{ data: PublicKeyCredentialCreationOptionsJSON; session: string }>("/register/begin", false, {
			token,
			...party,
		});
		const response = authenticator.createCredential(begin.data, { origin: setup.origin });
		await post("/register/complete", false, { session: begin.session, response, ...party });
		users.push({ userId, credentialId: response.id });
	}
}

process.on("message", (message: ToChild) => {
	void (async () => {
		try {
			if (message.type === "setup") {
				setup = message;
				await registerUsers(message.users);
				agent = await warmAgent(message.url);
				send({ type: "ready" });
			} else if (message.type === "step" && setup) {
				(globalThis as { gc?: () => void }).gc?.();
				const cpu0 = process.cpuUsage();
				const run = await pacedSignIns({
					...(agent ? { agent } : {}),
					url: setup.url,
					keys: setup.keys,
					authenticator,
					users,
					perSecond: message.perSecond,
					seconds: message.seconds,
					rpId: setup.rpId,
					origin: setup.origin,
				});
				const cpu = process.cpuUsage(cpu0);
				send({ type: "result", run, cpuSeconds: (cpu.user + cpu.system) / 1e6 });
			} else if (message.type === "exit") {
				agent?.destroy();
				process.disconnect?.();
			}
		} catch (error) {
			send({ type: "error", message: error instanceof Error ? error.message : String(error) });
		}
	})();
});
