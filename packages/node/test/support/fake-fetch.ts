import type { FetchFunction } from "../../src/latchkey-options.ts";

/** One request the fake fetch received. */
export interface SeenRequest {
	url: string;
	method: string;
	headers: Record<string, string>;
	body: unknown;
	signal: AbortSignal | undefined;
}

/** What the fake answers: a response, an error to throw, or "hang" (wait for the abort signal). */
export type FakeAnswer = Response | Error | "hang" | ((request: SeenRequest) => Response | Error | "hang");

/** A recording fake `fetch`: answers are used in order, the last one repeats. */
export interface FakeFetch {
	fetch: FetchFunction;
	requests: SeenRequest[];
}

/**
 * Builds a fake fetch that records every request and answers from a script.
 * @param answers - one per call; the last one is reused for any further calls
 * @example
 * const fake = fakeFetch(json(200, { token: "register_x" }));
 */
export function fakeFetch(...answers: FakeAnswer[]): FakeFetch {
	const requests: SeenRequest[] = [];
	const fetch: FetchFunction = async (url, init) => {
		const headers = Object.fromEntries(new Headers(init.headers).entries());
		const request: SeenRequest = {
			url,
			method: init.method ?? "GET",
			headers,
			body: typeof init.body === "string" ? JSON.parse(init.body) : undefined,
			signal: init.signal ?? undefined,
		};
		requests.push(request);
		const scripted = answers[Math.min(requests.length - 1, answers.length - 1)];
		const answer = typeof scripted === "function" ? scripted(request) : scripted;
		if (answer === undefined) throw new Error("fakeFetch: no answer scripted");
		if (answer instanceof Error) throw answer;
		if (answer === "hang") {
			return new Promise<Response>((_, reject) => {
				init.signal?.addEventListener("abort", () => reject(init.signal?.reason));
			});
		}
		return answer.clone();
	};
	return { fetch, requests };
}

/**
 * A JSON response.
 * @param status - HTTP status
 * @param body - serialised with JSON.stringify
 * @param contentType - @default "application/json; charset=utf-8"
 * @example json(200, { count: 3 })
 */
export function json(status: number, body: unknown, contentType = "application/json; charset=utf-8"): Response {
	return new Response(JSON.stringify(body), { status, headers: { "content-type": contentType } });
}

/**
 * An `application/problem+json` response as Latchkey writes it.
 * @param status - HTTP status
 * @param errorCode - the code
 * @param extra - more members (title, detail, …)
 * @example problem(404, "credential_not_found")
 */
export function problem(status: number, errorCode: string | null, extra: Record<string, unknown> = {}): Response {
	const body = {
		type: `https://docs.passwordless.dev/guide/errors.html#${errorCode ?? ""}`,
		title: `Title of ${errorCode}`,
		status,
		errorCode,
		...extra,
	};
	return json(status, body, "application/problem+json");
}

/**
 * An empty response (204, or upstream's empty 200 of /users/delete).
 * @param status - HTTP status
 * @example empty(204)
 */
export function empty(status: number): Response {
	return new Response(status === 204 ? null : "", { status });
}
