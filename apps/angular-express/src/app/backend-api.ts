import { ApiProblem } from "./api-problem.ts";

/** The signed-in user, as `GET /api/me` and `POST /api/signin-verify` answer. */
export interface SignedInUser {
	userId: string;
	email: string;
}

/** A passkey, as `GET /api/credentials` lists it. */
export interface PasskeySummary {
	id: string;
	nickname: string;
	createdAt: string;
	lastUsedAt: string | null;
}

/**
 * The Express backend's JSON API, same origin (the session is its HttpOnly cookie). Every failure throws an
 * {@link ApiProblem} carrying the backend's `error.code` (`network_error` when it cannot be reached).
 * @example
 * const api = new BackendApi();
 * const { token } = await api.post<{ token: string }>("/api/signin-token", { email });
 */
export class BackendApi {
	/** GET a JSON resource. */
	async get<T>(path: string): Promise<T> {
		return this.call<T>("GET", path);
	}

	/** POST a JSON body (or none). */
	async post<T>(path: string, body?: unknown): Promise<T> {
		return this.call<T>("POST", path, body);
	}

	/** DELETE a resource (204). */
	async delete(path: string): Promise<void> {
		await this.call<unknown>("DELETE", path);
	}

	private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await fetch(path, {
			method,
			credentials: "same-origin",
			headers: body === undefined ? {} : { "Content-Type": "application/json" },
			...(body === undefined ? {} : { body: JSON.stringify(body) }),
		}).catch(() => {
			throw new ApiProblem("network_error", 0, "The server could not be reached.");
		});
		if (response.status === 204) return undefined as T;
		const json = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
		if (!response.ok)
			throw new ApiProblem(json.error?.code ?? "internal_error", response.status, json.error?.message ?? response.statusText);
		return json as T;
	}
}
