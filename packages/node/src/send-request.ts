import { errorFromResponse } from "./error-from-response.ts";
import { CLIENT_ERRORS, LatchkeyError } from "./latchkey-error.ts";
import type { FetchFunction } from "./latchkey-options.ts";

/** Sent as `Client-Version` (upstream SDKs send e.g. `.NET-2.0.0`; servers only log it). */
export const CLIENT_VERSION = "node-0.1.0";

/** Statuses a GET is retried on: the server (or a proxy in front of it) was briefly unavailable. */
const RETRY_STATUSES = new Set([502, 503, 504]);

/** Delay before retry n (1-based): 100 ms, 200 ms, 400 ms, … capped at 2 s. */
const backoffMs = (retry: number): number => Math.min(100 * 2 ** (retry - 1), 2000);

/** The settled client settings {@link sendRequest} works with. */
export interface RequestConfig {
	/** Base URL without a trailing slash. */
	baseUrl: string;
	apiSecret: string;
	fetch: FetchFunction;
	timeoutMs: number;
	retries: number;
}

/** One call of the secret API. */
export interface ApiRequest {
	method: "GET" | "POST";
	/** Starts with `/`. */
	path: string;
	/** Query parameters; `undefined` ones are left out, the rest are URL-encoded. */
	query?: Record<string, string | number | undefined>;
	/** JSON-serialised for POSTs. */
	body?: unknown;
}

/** A 2xx answer: the status and the parsed JSON body (`undefined` when the body is empty). */
export interface ApiResponse {
	status: number;
	body: unknown;
}

/**
 * Sends one secret-API call: the `ApiSecret` header, JSON in and out, a timeout per attempt (answer body included),
 * and retries with backoff for GETs only (network errors, timeouts, 502/503/504). POSTs are tried exactly once.
 * @param config - base URL, secret, fetch, timeout and retries
 * @param request - method, path, query and body
 * @returns the status and the parsed body of a 2xx answer
 * @throws {LatchkeyError} the server's problem details; `network_error`, `timeout` or `invalid_response` otherwise
 * @example
 * const { body } = await sendRequest(config, { method: "GET", path: "/users/count" });
 */
export async function sendRequest(config: RequestConfig, request: ApiRequest): Promise<ApiResponse> {
	const attempts = request.method === "GET" ? config.retries + 1 : 1;
	for (let attempt = 1; ; attempt++) {
		try {
			return await attemptRequest(config, request);
		} catch (error) {
			const retryable = error instanceof LatchkeyError && (error.status === 0 || RETRY_STATUSES.has(error.status));
			if (!retryable || attempt >= attempts) throw error;
			await new Promise((resolve) => setTimeout(resolve, backoffMs(attempt)));
		}
	}
}

async function attemptRequest(config: RequestConfig, request: ApiRequest): Promise<ApiResponse> {
	const headers: Record<string, string> = {
		ApiSecret: config.apiSecret,
		Accept: "application/json, application/problem+json",
		"Client-Version": CLIENT_VERSION,
	};
	const init: RequestInit = { method: request.method, headers };
	if (request.method === "POST") {
		headers["Content-Type"] = "application/json";
		init.body = JSON.stringify(request.body ?? {});
	}
	const controller = new AbortController();
	init.signal = controller.signal;
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		controller.abort(new DOMException("The operation timed out.", "TimeoutError"));
	}, config.timeoutMs);
	const url = buildUrl(config.baseUrl, request);
	let response: Response;
	let text: string;
	try {
		// Raced against the signal too, so a fetch that ignores it (a custom one) still times out.
		response = await untilAborted(config.fetch(url, init), controller.signal);
		text = await untilAborted(response.text(), controller.signal);
	} catch (cause) {
		if (timedOut) {
			const detail = `${request.method} ${request.path} took longer than ${config.timeoutMs} ms.`;
			throw new LatchkeyError({ status: 0, errorCode: "timeout", title: CLIENT_ERRORS.timeout, detail, cause });
		}
		const reason = describe(cause);
		const detail = `${request.method} ${new URL(url).origin}${request.path} failed${reason ? `: ${reason}` : "."}`;
		throw new LatchkeyError({ status: 0, errorCode: "network_error", title: CLIENT_ERRORS.network_error, detail, cause });
	} finally {
		clearTimeout(timer);
	}
	const contentType = response.headers.get("content-type")?.toLowerCase() ?? "";
	if (!response.ok) throw errorFromResponse({ status: response.status, contentType, text }, config.apiSecret);
	if (text.trim() === "") return { status: response.status, body: undefined };
	try {
		return { status: response.status, body: JSON.parse(text) };
	} catch (cause) {
		throw new LatchkeyError({
			status: response.status,
			errorCode: "invalid_response",
			title: CLIENT_ERRORS.invalid_response,
			detail: `${request.method} ${request.path} answered ${response.status} with a body that is not JSON (${contentType || "no Content-Type"}).`,
			cause,
		});
	}
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		if (signal.aborted) return reject(signal.reason);
		const onAbort = (): void => reject(signal.reason);
		signal.addEventListener("abort", onAbort, { once: true });
		promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
	});
}

function buildUrl(baseUrl: string, request: ApiRequest): string {
	const params = new URLSearchParams();
	for (const [name, value] of Object.entries(request.query ?? {})) {
		if (value !== undefined) params.append(name, String(value));
	}
	const query = params.toString();
	return `${baseUrl}${request.path}${query ? `?${query}` : ""}`;
}

/** The innermost message of a fetch failure (undici wraps ECONNREFUSED etc. in `cause`). */
function describe(error: unknown): string {
	let current = error;
	let message = "";
	for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
		message = current.message;
		current = current.cause;
	}
	return message;
}
