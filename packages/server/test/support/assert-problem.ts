import assert from "node:assert/strict";

/** The parts of an `app.inject` (or fetch-like) answer a problem check reads. */
export interface ProblemAnswer {
	statusCode: number;
	headers: Record<string, unknown>;
	json(): Record<string, unknown>;
}

/**
 * Asserts an answer is an `application/problem+json` body with this status and errorCode, and the members every
 * SDK relies on (`type` and `title` strings, `status` equal to the HTTP status).
 */
export function assertProblem(res: ProblemAnswer, status: number, code: string): void {
	assert.equal(res.statusCode, status, JSON.stringify(res.json()));
	assert.equal(res.headers["content-type"], "application/problem+json");
	const body = res.json();
	assert.equal(body.errorCode, code);
	assert.equal(body.status, status);
	assert.equal(typeof body.title, "string");
	assert.equal(typeof body.type, "string");
}
