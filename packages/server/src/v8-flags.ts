import { setFlagsFromString } from "node:v8";

/** Where bin/latchkey.js leaves the V8 flags it set at start-up (a registry symbol: the bin is not in the bundle). */
const V8_FLAGS = Symbol.for("latchkey.v8Flags");

/**
 * Sets again the V8 flags `latchkey` started with (none when the server runs without bin/latchkey.js). On Node 22 and
 * 20, V8 (12.4, 11.3) raises `--semi-space-growth-factor` back to 2 whenever it sets up a new isolate's heap, so each
 * worker thread (checkpoints, signature checks) would let the server's young generation grow from 1 MiB to 16 MiB
 * semi-spaces, and its scavenges with it (docs/performance.md). Node 24's V8 (13.6) raises it only once, when it reads
 * its command line, so there the flag set by the bin holds and this sets the same values again, at no cost. Call it
 * once the thread is online: its heap is set up by then.
 */
export function reapplyV8Flags(): void {
	const flags = (globalThis as Record<symbol, unknown>)[V8_FLAGS];
	if (!Array.isArray(flags)) return;
	for (const flag of flags) if (typeof flag === "string") setFlagsFromString(flag);
}
