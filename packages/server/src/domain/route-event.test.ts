import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { describeRouteEvent } from "./route-event.ts";

describe("describeRouteEvent", () => {
	it("writes each route event's message and subject in upstream's words", () => {
		const cases = [
			[{ eventType: "ApiAuthUserRegistered", userId: "u1" }, "u1", "Created a registration token for user 'u1'."],
			[{ eventType: "ApiAuthPasskeyRegistrationBegan", userId: "u1" }, "u1", "Began passkey registration for user 'u1'."],
			[{ eventType: "ApiAuthPasskeyRegistrationCompleted", userId: "u1" }, "u1", "Completed passkey registration for user 'u1'."],
			[{ eventType: "ApiUserSignInBegan", userId: "u1", alias: null, token: false }, "u1", "Began sign-in (by userId)."],
			[{ eventType: "ApiUserSignInBegan", userId: "u1", alias: null, token: true }, "u1", "Began sign-in (by sign-in token)."],
			[{ eventType: "ApiUserSignInBegan", userId: null, alias: "a", token: false }, "(alias)", "Began sign-in (by alias)."],
			[{ eventType: "ApiUserSignInBegan", userId: "", alias: null, token: false }, "(discoverable)", "Began sign-in (discoverable)."],
			[{ eventType: "ApiUserSignInCompleted", userId: "u1" }, "u1", "User 'u1' signed in with a passkey."],
			[
				{ eventType: "ApiUserSignInVerified", userId: "u1", tokenType: "passkey_signin" },
				"u1",
				"Verified a passkey_signin token of user 'u1'.",
			],
			[{ eventType: "ApiUserSigninTokenCreated", userId: "u1", kind: "verify" }, "u1", "Generated a sign-in token for user 'u1'."],
			[{ eventType: "ApiUserSigninTokenCreated", userId: "u1", kind: "signin" }, "u1", "Created a sign-in token (signin_) for user 'u1'."],
			[{ eventType: "ApiUserSetAliases", userId: "u1", count: 2 }, "u1", "Set 2 alias(es) for user 'u1'."],
			[{ eventType: "ApiUserDeleteCredential", userId: "u1", credentialId: "c1" }, "u1", "Deleted credential 'c1' of user 'u1'."],
			[
				{ eventType: "ApiUserDeleted", userId: "u1", credentials: 1, aliases: 0 },
				"u1",
				"Deleted user 'u1' (1 credential(s), 0 alias(es)).",
			],
		] as const;
		for (const [event, subject, message] of cases) {
			assert.deepEqual(describeRouteEvent(event), { eventType: event.eventType, subject, message });
		}
	});

	it("attributes authentication-configuration changes to the body's performedBy", () => {
		for (const [eventType, verb] of [
			["ApiAuthenticationConfigurationCreated", "Created"],
			["ApiAuthenticationConfigurationUpdated", "Updated"],
			["ApiAuthenticationConfigurationDeleted", "Deleted"],
		] as const) {
			assert.deepEqual(describeRouteEvent({ eventType, purpose: "step-up", performedBy: "ops" }), {
				eventType,
				subject: "step-up",
				message: `${verb} the authentication configuration 'step-up'.`,
				performedBy: "ops",
			});
		}
	});
});
