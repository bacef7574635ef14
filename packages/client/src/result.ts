import type { ProblemDetails } from "./problem-details.ts";

/** The success branch of a {@link Result}: the value's members, and no `error`. */
export type Success<T> = T & { error?: undefined };

/** The failure branch of a {@link Result}: only `error`. */
export type Failure<T> = { [K in keyof T]?: undefined } & { error: ProblemDetails };

/**
 * What every `Client` ceremony resolves to; it never rejects. Same shape as the upstream client's `Result`:
 * destructure and test `error`.
 * @example
 * const { token, error }: Result<TokenResponse> = await client.signinWithAlias(email);
 * if (error) return show(error.title);
 * await fetch("/login", { method: "POST", body: JSON.stringify({ token }) });
 */
export type Result<T> = Success<T> | Failure<T>;

/** A promise of a {@link Result}. */
export type PromiseResult<T> = Promise<Result<T>>;
