import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type {
	AliasPointer,
	AuthConfigJson,
	CredentialJson,
	EventLogJson,
	TokenResponse,
	UserSummaryJson,
	VerifiedUserJson,
} from "@latchkey/protocol";
import type { Static } from "@sinclair/typebox";
import type { AliasList, AuthConfigList, CredentialList, EventPage, UserList } from "./management-schemas.ts";
import type { TokenReply, VerifiedUser } from "./schemas.ts";

type Item<List> = List extends (infer Element)[] ? Element : never;
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
/** `true` when what the response schema lets through is a value of the protocol type, member for member. */
type Matches<Schema, Wire> = [Schema] extends [Wire] ? SameKeys<Schema, Wire> : false;

// Checked by the type checker: a response schema that drifts from its @latchkey/protocol type turns one of these
// `true`s into a type error (the schemas are the allow-list of what goes out; the protocol types are what SDKs read).
const checks: Record<string, true> = {
	credential: true satisfies Matches<Item<Static<typeof CredentialList>["values"]>, CredentialJson>,
	userSummary: true satisfies Matches<Item<Static<typeof UserList>["values"]>, UserSummaryJson>,
	aliasPointer: true satisfies Matches<Item<Static<typeof AliasList>["values"]>, AliasPointer>,
	eventLog: true satisfies Matches<Static<typeof EventPage>, EventLogJson>,
	applicationEvent: true satisfies Matches<Item<Static<typeof EventPage>["events"]>, Item<EventLogJson["events"]>>,
	authConfig: true satisfies Matches<Item<Static<typeof AuthConfigList>["configurations"]>, AuthConfigJson>,
	verifiedUser: true satisfies Matches<Static<typeof VerifiedUser>, VerifiedUserJson>,
	tokenResponse: true satisfies Matches<Static<typeof TokenReply>, TokenResponse>,
};

describe("the response schemas", () => {
	it("let through exactly the members of the @latchkey/protocol wire types (checked by tsc)", () => {
		assert.equal(Object.keys(checks).length, 8);
	});
});
