import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Type } from "@sinclair/typebox";
import { createKeyCanonicalizer } from "./canonicalize-keys.ts";

const schema = Type.Object({
	RPID: Type.Optional(Type.String()),
	response: Type.Object({
		clientDataJSON: Type.String(),
		list: Type.Array(Type.Object({ userId: Type.String() })),
	}),
	maybe: Type.Optional(Type.Union([Type.Object({ deepKey: Type.String() }), Type.Null()])),
});

describe("createKeyCanonicalizer", () => {
	it("renames keys to the schema's spelling at every level, through arrays and unions", () => {
		const canonicalize = createKeyCanonicalizer(schema);
		assert.deepEqual(canonicalize({ rpid: "a", Response: { CLIENTDATAJSON: "b", List: [{ USERID: "c" }] }, MAYBE: { deepkey: "d" } }), {
			RPID: "a",
			response: { clientDataJSON: "b", list: [{ userId: "c" }] },
			maybe: { deepKey: "d" },
		});
	});

	it("keeps unknown keys and lets an exact-case key win", () => {
		const canonicalize = createKeyCanonicalizer(schema);
		assert.deepEqual(canonicalize({ extra: 1, rpId: "loser", RPID: "winner" }), { extra: 1, RPID: "winner" });
		assert.deepEqual(canonicalize({ RPID: "winner", rpid: "loser" }), { RPID: "winner" });
	});

	it("leaves non-objects alone", () => {
		const canonicalize = createKeyCanonicalizer(schema);
		for (const value of [null, 3, "x", [1, 2]]) assert.deepEqual(canonicalize(value), value);
		assert.equal(createKeyCanonicalizer(undefined)("x"), "x");
	});
});

describe("createKeyCanonicalizer with null members", () => {
	it("drops known members that are null, so defaults apply", () => {
		const canonicalize = createKeyCanonicalizer(schema);
		assert.deepEqual(canonicalize({ RPID: null, maybe: null, unknown: null }), { unknown: null });
	});
});
