import * as crypto from "node:crypto";
import { Worker } from "node:worker_threads";
import { reapplyV8Flags } from "../v8-flags.ts";
import { coseToJwk } from "../webauthn/cose-key.ts";
import { loadWebAuthnHelpers, type WebAuthnHelpers } from "../webauthn/simplewebauthn.ts";
import type { SignatureCheck } from "../webauthn/verify-authentication.ts";
import { KeyCache } from "./key-cache.ts";
import { createSignatureChecker, type SignatureJob, type SignatureResult } from "./signature-checker.ts";

/**
 * Checks assertion signatures, on signature threads or on the caller's own thread (`Deps.signatures`). `check` throws
 * only when the verifier is closed while the check is out (a failed thread's checks are done in the caller's thread).
 */
export interface SignatureVerifier extends SignatureCheck {
	/** Starts the threads now instead of at the first check (after `listen`, so the first sign-in does not wait). */
	warm(): void;
	/** Stops the threads; checks still pending fail. */
	close(): Promise<void>;
}

/** Runs jobs against one checker: in this thread, or in a thread of its own. */
interface Lane {
	readonly keys: KeyCache;
	run(job: SignatureJob): Promise<SignatureResult>;
	start(): void;
	close(): Promise<void>;
}

/** Checks between two of the signature thread's own young-generation collections (see THREAD_SOURCE). */
const GC_EVERY = 32;

// The thread: plain CommonJS, evaluated. Its checker is createSignatureChecker's own text, so both sides run the same
// code. tsx and esbuild's `keepNames` wrap named functions in a `__name(fn, "name")` helper; in here it is a no-op.
const THREAD_SOURCE = `
const { parentPort } = require("node:worker_threads");
const __name = (target) => target;
const check = (${createSignatureChecker.toString()})(require("node:crypto"));
const minorGc = (() => {
	if (typeof globalThis.gc !== "function") require("node:v8").setFlagsFromString("--expose-gc");
	return globalThis.gc ?? require("node:vm").runInNewContext("gc");
})();
let since = 0;
let scheduled = false;
const collect = () => {
	scheduled = false;
	since = 0;
	minorGc({ type: "minor" });
};
parentPort.on("message", (message) => {
	parentPort.postMessage([message[0], check(message[1])]);
	if (++since >= ${GC_EVERY} && !scheduled) {
		scheduled = true;
		setImmediate(collect);
	}
});
`;

function inThreadLane(): Lane {
	const check = createSignatureChecker(crypto);
	return {
		keys: new KeyCache(),
		run: async (job) => check(job),
		start() {},
		async close() {},
	};
}

/** Thread failures after which a lane stops starting threads and checks in the caller's thread for good. */
const MAX_THREAD_FAILURES = 3;

function threadLane(source: string, onFailure: (error: Error) => void): Lane {
	const keys = new KeyCache();
	const pending = new Map<number, { job: SignatureJob; resolve: (result: SignatureResult) => void; reject: (error: Error) => void }>();
	let worker: Worker | null = null;
	let next = 0;
	let failures = 0;
	// Checks in the caller's thread: for the checks a failed thread left unanswered, and for good after too many failures.
	let fallback: ((job: SignatureJob) => SignatureResult) | null = null;
	const checkHere = (job: SignatureJob): SignatureResult => {
		fallback ??= createSignatureChecker(crypto);
		return fallback(job);
	};
	const failed = (from: Worker, error: Error): void => {
		if (worker !== from) return;
		worker = null;
		keys.forget(); // the next thread holds no keys
		failures++;
		onFailure(error);
		const left = [...pending.values()];
		pending.clear();
		for (const { job, resolve } of left) resolve(checkHere(job));
	};
	const start = (): Worker => {
		const started = new Worker(source, {
			eval: true,
			// Plain CommonJS: no loader of the parent's (`--import tsx` in development), as in checkpointer.ts.
			execArgv: [],
		});
		// Unreferenced once online, while no check is out (a check references it, its answer unreferences it). Not at
		// once: Node 22 ignores ref() on a thread that is not online yet, so a check sent right after warm() would wait
		// on a thread that no longer keeps the process alive.
		started.once("online", () => {
			reapplyV8Flags();
			if (pending.size === 0 && worker === started) started.unref();
		});
		started.on("message", ([n, result]: [number, SignatureResult]) => {
			const waiter = pending.get(n);
			pending.delete(n);
			if (pending.size === 0) started.unref();
			waiter?.resolve(result);
		});
		started.on("error", (error) => failed(started, new Error(`a signature thread failed: ${error.message}`)));
		started.on("exit", (code) => failed(started, new Error(`a signature thread exited with code ${code}`)));
		worker = started;
		return started;
	};
	return {
		keys,
		async run(job) {
			if (failures >= MAX_THREAD_FAILURES) return checkHere(job);
			const thread = worker ?? start();
			const n = next++;
			// Referenced while a check is out, so a process with nothing else to do waits for the answer.
			if (pending.size === 0) thread.ref();
			return new Promise((resolve, reject) => {
				pending.set(n, { job, resolve, reject });
				thread.postMessage([n, job]);
			});
		},
		start() {
			if (!worker && failures < MAX_THREAD_FAILURES) start();
		},
		async close() {
			const stopping = worker;
			if (!stopping) return;
			worker = null;
			keys.forget();
			for (const { reject } of pending.values()) reject(new Error("the signature threads were stopped"));
			pending.clear();
			await stopping.terminate();
		},
	};
}

/**
 * Where assertion signatures are checked. With `threads` ≥ 1 the key import and the check run on that many worker
 * threads (a key goes to the same thread every time, so its kept `KeyObject` is found again), and the request's
 * thread only sends the bytes: it stays free for other requests, and, more to the point, the native memory of every
 * imported key is freed in the signature thread's garbage collections, not in the request thread's. Freeing an
 * imported P-256 key costs ~6 µs inside a scavenge; at a thousand sign-ins a second of passkeys not in the cache
 * that made the request thread's scavenges 1–4 ms long (docs/performance.md). With `threads` 0, the checks run in
 * the caller's thread. A thread that fails is replaced at the next check, and the checks it left unanswered are done
 * in the caller's thread, so none is lost; after three failures the lane checks in the caller's thread for good.
 * Tests and embedders that assemble `Deps` themselves call it with no options: the checks run in their thread, and
 * there is nothing to warm or close.
 * @param options - `threads`: signature threads (`LATCHKEY_SIGNATURE_THREADS`), 0 = none @default 0; `onFailure`:
 *   told of each thread failure (to log it)
 * @example const signatures = createSignatureVerifier({ threads: config.signatureThreads, onFailure: (err) => logger.error({ err }) });
 */
export function createSignatureVerifier(
	options: {
		threads?: number;
		onFailure?: (error: Error) => void;
		/** The threads' code (tests give one that fails). @default THREAD_SOURCE */
		source?: string;
	} = {},
): SignatureVerifier {
	const threads = options.threads ?? 0;
	const onFailure = options.onFailure ?? (() => {});
	const source = options.source ?? THREAD_SOURCE;
	// The COSE decoder, loaded at the first check (before any key plan, so no other check runs between a plan and its job).
	let helpers: WebAuthnHelpers | null = null;
	const lanes = threads > 0 ? Array.from({ length: threads }, () => threadLane(source, onFailure)) : [inThreadLane()];
	return {
		async check({ coseKey, data, signature }) {
			helpers ??= await loadWebAuthnHelpers();
			const decoder = helpers;
			const keyId = Buffer.from(coseKey.buffer, coseKey.byteOffset, coseKey.byteLength).toString("base64");
			const lane = lanes[lanes.length === 1 ? 0 : laneOf(keyId, lanes.length)] as Lane;
			for (;;) {
				const plan = lane.keys.plan(keyId);
				let job: SignatureJob;
				if (plan.cached) {
					job = { keyId, data, signature };
				} else {
					let parsed: ReturnType<typeof coseToJwk>;
					try {
						parsed = coseToJwk(coseKey, decoder);
					} catch {
						lane.keys.forget(keyId);
						return "unusable_key";
					}
					job = { keyId, alg: parsed.alg, jwk: parsed.jwk, keep: plan.keep, data, signature };
				}
				if (plan.drop !== undefined) job.drop = plan.drop;
				const result = await lane.run(job);
				if (result === "key_missing") {
					lane.keys.forget(keyId);
					continue;
				}
				if (result === "unusable_key") lane.keys.forget(keyId);
				return result;
			}
		},
		warm() {
			for (const lane of lanes) lane.start();
		},
		async close() {
			await Promise.all(lanes.map((lane) => lane.close()));
		},
	};
}

/** A key's lane among `count`: a hash of a few characters of its name (base64 of a key is evenly spread). */
function laneOf(keyId: string, count: number): number {
	let h = 0;
	for (let i = keyId.length - 16; i < keyId.length; i++) h = (h * 31 + keyId.charCodeAt(Math.max(i, 0))) | 0;
	return Math.abs(h) % count;
}
