import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { PasskeyError } from "@latchkey/protocol";
import { assertProblem } from "../../test/support/assert-problem.ts";
import { createHarness } from "../../test/support/in-process.ts";
import { createMemoryStore } from "../store/memory/memory-store.ts";
import type { Store } from "../store/store.ts";

/** A memory store whose database "went away": every call rejects as the PostgreSQL store does then. */
function unreachable(store: Store, down: { value: boolean }): Store {
	const unavailable = (): Promise<never> => Promise.reject(new PasskeyError("service_unavailable", { cause: new Error("ECONNREFUSED") }));
	const fail = <T extends object>(part: T): T =>
		new Proxy(part, {
			get(target, key, receiver) {
				const value = Reflect.get(target, key, receiver);
				if (typeof value !== "function" || !down.value) return value;
				return unavailable;
			},
		});
	return {
		...store,
		apps: fail(store.apps),
		apiKeys: fail(store.apiKeys),
		ceremonies: fail(store.ceremonies),
		ping: () => (down.value ? unavailable() : store.ping()),
	};
}

describe("problemErrorHandler", () => {
	it("answers 503 service_unavailable with Retry-After while the store is unreachable", async () => {
		const down = { value: false };
		const h = await createHarness({ store: unreachable(createMemoryStore(), down) });
		down.value = true;
		const health = await h.app.inject({ method: "GET", url: "/health/storage" });
		assertProblem(health, 503, "service_unavailable");
		assert.equal(health.headers["retry-after"], "1");
		assertProblem(await h.pub("/signin/begin", { RPID: "shop.example", Origin: "https://shop.example" }), 503, "service_unavailable");
		down.value = false;
		assert.equal((await h.app.inject({ method: "GET", url: "/health/storage" })).statusCode, 200);
	});
});
