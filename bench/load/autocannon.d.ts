// The part of autocannon 8's API that run.ts uses (autocannon ships no type declarations).
declare module "autocannon" {
	import type { EventEmitter } from "node:events";

	/** The per-connection scratch object that autocannon passes through a request sequence (reset at its start). */
	export type RequestContext = Record<string, unknown>;

	/** One request as autocannon builds it. */
	export interface RequestParams {
		method?: string;
		path?: string;
		headers?: Record<string, string>;
		body?: string | Buffer;
	}

	/** One step of a request sequence. */
	export interface SequenceRequest extends RequestParams {
		/** Builds the request just before it is sent; a falsy return skips to the start of the sequence. */
		setupRequest?: (request: RequestParams, context: RequestContext) => RequestParams | null | undefined;
		/** Called with each response, before the next request of the connection is built. */
		onResponse?: (status: number, body: string, context: RequestContext, headers: Record<string, string | string[]>) => void;
	}

	export interface Options {
		/** One URL, or several: connection i goes to url[i % n]. */
		url: string | string[];
		connections?: number;
		pipelining?: number;
		/** Seconds. Ignored when `amount` is set. */
		duration?: number;
		/** Total number of requests to send, then stop. */
		amount?: number;
		/** Requests per second across all connections (an open-loop rate); unlimited when absent. */
		overallRate?: number;
		/** Seconds before a request counts as timed out. */
		timeout?: number;
		method?: string;
		headers?: Record<string, string>;
		requests?: SequenceRequest[];
		initialContext?: RequestContext;
	}

	export interface Histogram {
		average: number;
		mean: number;
		stddev: number;
		min: number;
		max: number;
		total: number;
		p50: number;
		p90: number;
		p99: number;
	}

	export interface Result {
		duration: number;
		start: Date;
		finish: Date;
		errors: number;
		timeouts: number;
		mismatches: number;
		non2xx: number;
		resets: number;
		"1xx": number;
		"2xx": number;
		"3xx": number;
		"4xx": number;
		"5xx": number;
		statusCodeStats: Record<string, { count: number }>;
		latency: Histogram;
		requests: Histogram & { sent: number };
		throughput: Histogram;
	}

	/** The running benchmark; `response` fires right after the request's `onResponse`. */
	export interface Instance extends EventEmitter {
		stop(): void;
		on(event: "response", listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): this;
		on(event: "reqError", listener: (error: Error) => void): this;
		on(event: string, listener: (...args: unknown[]) => void): this;
	}

	function autocannon(options: Options, callback: (error: Error | null, result: Result) => void): Instance;
	export default autocannon;
}
