import type { UiProblem } from "./ui-problem.ts";

/** A demo API answer: the JSON body, or the problem the UI shows. */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; problem: UiProblem };

/**
 * Calls the demo backend's JSON API (same origin, so the session cookie goes along). Never throws: an unreachable
 * server is `network_error`, an unreadable answer `unknown`.
 * @param method - HTTP method
 * @param path - e.g. `/api/me`
 * @param body - JSON body for POST/PATCH
 * @example
 * const me = await callApi<{ user: User }>("GET", "/api/me");
 * if (!me.ok && me.problem.code === "session_expired") navigate("/login");
 */
export async function callApi<T>(method: "GET" | "POST" | "PATCH" | "DELETE", path: string, body?: unknown): Promise<ApiResult<T>> {
	let response: Response;
	try {
		response = await fetch(path, {
			method,
			credentials: "same-origin",
			headers: body === undefined ? { Accept: "application/json" } : { Accept: "application/json", "Content-Type": "application/json" },
			...(body === undefined ? {} : { body: JSON.stringify(body) }),
		});
	} catch {
		return { ok: false, status: 0, problem: { code: "network_error" } };
	}
	if (response.status === 204) return { ok: true, data: undefined as T };
	const json = (await response.json().catch(() => null)) as unknown;
	if (response.ok && json !== null) return { ok: true, data: json as T };
	const error = (json as { error?: { code?: unknown; fields?: Record<string, string> } } | null)?.error;
	const code = typeof error?.code === "string" ? error.code : response.status >= 502 ? "network_error" : "unknown";
	return { ok: false, status: response.status, problem: { code, ...(error?.fields ? { fields: error.fields } : {}) } };
}
