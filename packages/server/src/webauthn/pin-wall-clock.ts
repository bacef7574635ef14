import { AsyncLocalStorage } from "node:async_hooks";
import { systemClock } from "../clock.ts";

const pinned = new AsyncLocalStorage<number>();
let installed = false;

/** How far the wanted time may be from the wall clock before it is pinned (a pinned clock in tests, `now` in the library). */
const TOLERANCE_MS = 60_000;

/**
 * Replaces `globalThis.Date` once with a proxy of itself whose `Date.now()`, `new Date()` and `Date()` answer the
 * time pinned for the current async context (and the wall clock everywhere else). Everything else (`Date.UTC`,
 * `Date.parse`, `instanceof Date`, dates built from a value) is the real Date's.
 */
function install(): void {
	if (installed) return;
	installed = true;
	const RealDate = globalThis.Date;
	const realNow = RealDate.now.bind(RealDate);
	const now = (): number => pinned.getStore() ?? realNow();
	globalThis.Date = new Proxy(RealDate, {
		construct(target, args, newTarget) {
			const at = args.length === 0 ? pinned.getStore() : undefined;
			return Reflect.construct(target, at === undefined ? args : [at], newTarget);
		},
		apply(target, self, args) {
			const at = pinned.getStore();
			return at === undefined ? Reflect.apply(target, self, args) : new RealDate(at).toString();
		},
		get(target, property, receiver) {
			if (property === "now") return now;
			return Reflect.get(target, property, receiver);
		},
	});
}

/**
 * Runs `task` with the wall clock pinned to `at` for it (and only for it: other requests keep the real time).
 * `@simplewebauthn/server` checks some certificate windows (packed x5c, TPM AIK) against `new Date()`; this is how a
 * caller's `now`, or the server's pinned test clock, reaches those checks, so an old capture whose certificates have
 * expired can still be verified at the time it was made. When `at` is within a minute of the wall clock nothing is
 * pinned and `globalThis.Date` is never touched: a server on the real clock never installs the proxy.
 * @param at - the time the task should see
 * @param task - the work to run
 * @example await atTime(new Date("2021-06-01"), () => verifyRegistrationResponse(options));
 */
export function atTime<T>(at: Date, task: () => Promise<T>): Promise<T> {
	if (Math.abs(at.getTime() - systemClock.now().getTime()) <= TOLERANCE_MS) return task();
	install();
	return pinned.run(at.getTime(), task);
}
