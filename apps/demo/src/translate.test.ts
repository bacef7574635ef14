import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CLIENT_ERRORS } from "@latchkey/client";
import type { DemoErrorCode } from "../server/demo-error.ts";
import en from "./messages/en.json" with { type: "json" };
import ja from "./messages/ja.json" with { type: "json" };
import { isMessageKey, translate } from "./translate.ts";

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? "").sort();

describe("translate", () => {
	it("has the same keys and placeholders in English and Japanese", () => {
		assert.deepEqual(Object.keys(ja).sort(), Object.keys(en).sort());
		for (const [key, text] of Object.entries(en)) assert.deepEqual(placeholders(ja[key as keyof typeof ja]), placeholders(text), key);
	});

	it("has a message and a next step for every client error a person can hit and every demo API error", () => {
		const demoCodes: DemoErrorCode[] = [
			"email_taken",
			"unknown_account",
			"invalid_token",
			"session_expired",
			"not_signed_in",
			"step_up_required",
			"step_up_failed",
			"insufficient_funds",
			"last_passkey",
			"passkey_not_found",
			"latchkey_unreachable",
			"invalid_input",
			"link_invalid",
			"too_many_links",
			"recovery_unavailable",
		];
		const clientCodes = Object.keys(CLIENT_ERRORS).filter((code) => code !== "ceremony_aborted" && code !== "failed_create_credential");
		for (const code of [...demoCodes, ...clientCodes]) {
			assert.ok(isMessageKey(`errors.${code}`), `errors.${code}`);
			assert.ok(isMessageKey(`hints.${code}`), `hints.${code}`);
		}
	});

	it("fills in placeholders", () => {
		assert.equal(translate("en", "dashboard.greeting", { name: "Ada" }), "Welcome back, Ada");
		assert.equal(translate("ja", "dashboard.greeting", { name: "Ada" }), "Ada さん、おかえりなさい");
		assert.equal(translate("ja", "login.title"), "ログイン");
	});
});
