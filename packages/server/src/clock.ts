/** The source of "now". Only this module reads the system time. */
export interface Clock {
	now(): Date;
}

/** The real clock. */
export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that stands still (and can be moved), for tests.
 * @param iso - the instant it shows, e.g. "2025-01-01T00:00:00Z"
 * @example const clock = fixedClock("2025-01-01T00:00:00Z"); clock.advance(60_000);
 */
export function fixedClock(iso: string): Clock & { advance(ms: number): void; set(iso: string): void } {
	let current = new Date(iso).getTime();
	return {
		now: () => new Date(current),
		advance(ms: number): void {
			current += ms;
		},
		set(next: string): void {
			current = new Date(next).getTime();
		},
	};
}
