import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isPasskeyError } from "@latchkey/protocol";
import { fixedClock } from "../clock.ts";
import { seededRandom } from "../random.ts";
import { createMemoryStore } from "../store/memory/memory-store.ts";
import { checkWebOrigins, createApp } from "./create-app.ts";

const deps = () => ({ store: createMemoryStore(), clock: fixedClock("2025-01-01T00:00:00Z"), random: seededRandom("apps") });

describe("createApp", () => {
	it("issues one public and one secret key in the upstream format and stores only their hashes", async () => {
		const d = deps();
		const created = await createApp(
			{ appId: "shop", rpId: "Shop.Example", allowedOrigins: ["https://shop.example:443", "android:apk-key-hash:abc"] },
			d,
		);
		assert.match(created.apiKey, /^shop:public:[0-9a-f]{32}$/);
		assert.match(created.apiSecret, /^shop:secret:[0-9a-f]{32}$/);
		const app = await d.store.apps.findById("shop");
		assert.deepEqual(app?.settings, {
			rpId: "shop.example",
			allowedOrigins: ["https://shop.example", "android:apk-key-hash:abc"],
			reusableVerifyTokens: false,
			eventRetentionDays: 365,
			generateSigninTokensEnabled: true,
			magicLinksEnabled: true,
		});
		const keys = [...(await d.store.apiKeys.listByApp("shop", "public")), ...(await d.store.apiKeys.listByApp("shop", "secret"))];
		assert.deepEqual(
			keys.map((k) => k.scopes),
			[
				["register", "login"],
				["token_register", "token_verify"],
			],
		);
		const stored = JSON.stringify(keys.map((k) => [Buffer.from(k.hash).toString("hex"), Buffer.from(k.salt).toString("hex"), k.id]));
		assert.ok(!stored.includes(created.apiSecret.slice(12)), "the secret is not stored in clear");
	});

	it("refuses bad app ids, RP IDs and origins, and a taken id", async () => {
		const d = deps();
		const bad: [string, string, string[]][] = [
			["Shop", "shop.example", []],
			["ab", "shop.example", []],
			["shop:x", "shop.example", []],
			["shop", "https://shop.example", []],
			["shop", "shop.example", ["https://shop.example/login"]],
			["shop", "shop.example", ["https://shop.example/"]],
			["shop", "shop.example", ["not an origin"]],
		];
		for (const [appId, rpId, allowedOrigins] of bad) {
			await assert.rejects(
				createApp({ appId, rpId, allowedOrigins }, d),
				(e) => isPasskeyError(e, "invalid_argument"),
				`${appId} ${rpId} ${allowedOrigins}`,
			);
		}
		await createApp({ appId: "shop", rpId: "shop.example", allowedOrigins: [] }, d);
		await assert.rejects(createApp({ appId: "shop", rpId: "shop.example", allowedOrigins: [] }, d), (e) =>
			isPasskeyError(e, "app_already_exists"),
		);
	});

	it("stores related origins and top origins normalised, and refuses entries that are not https web origins", async () => {
		const d = deps();
		await createApp(
			{
				appId: "shop",
				rpId: "shop.example",
				allowedOrigins: [],
				relatedOrigins: ["https://Shop.Example.co.uk:443", "https://shop.example.co.uk"],
				allowedTopOrigins: ["http://localhost:3000"],
			},
			d,
		);
		const app = await d.store.apps.findById("shop");
		assert.deepEqual(app?.settings.relatedOrigins, ["https://shop.example.co.uk"]);
		assert.deepEqual(app?.settings.allowedTopOrigins, ["http://localhost:3000"]);
		for (const entry of ["http://shop.example.de", "https://shop.example.de/login", "android:apk-key-hash:x", "nope"]) {
			await assert.rejects(
				createApp({ appId: "other", rpId: "shop.example", allowedOrigins: [], relatedOrigins: [entry] }, d),
				(e) => isPasskeyError(e, "invalid_argument") && e.message.includes("relatedOrigins"),
				entry,
			);
		}
	});
});

describe("checkWebOrigins", () => {
	it("caps the list", () => {
		const many = Array.from({ length: 101 }, (_, i) => `https://s${i}.example`);
		assert.throws(
			() => checkWebOrigins("relatedOrigins", many),
			(e) => isPasskeyError(e, "invalid_argument"),
		);
		assert.equal(checkWebOrigins("relatedOrigins", many.slice(0, 100)).length, 100);
	});
});
