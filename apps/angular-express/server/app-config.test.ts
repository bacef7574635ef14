import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadAppConfig } from "./app-config.ts";

const ENV = {
	LATCHKEY_API_URL: "http://localhost:4000/",
	LATCHKEY_API_KEY: "angular:public:0123",
	LATCHKEY_API_SECRET: "angular:secret:4567",
	APP_SESSION_SECRET: "x".repeat(32),
};

describe("loadAppConfig", () => {
	it("reads the settings, with port 4200, 127.0.0.1, the dist/browser build and users in memory by default", () => {
		const config = loadAppConfig(ENV);
		assert.equal(config.latchkeyApiUrl, "http://localhost:4000");
		assert.equal(config.port, 4200);
		assert.equal(config.host, "127.0.0.1");
		assert.match(config.staticDir, /apps\/angular-express\/dist\/browser$/);
		assert.equal(config.usersFile, null);
	});

	it("names the first missing or invalid variable", () => {
		assert.throws(() => loadAppConfig({ ...ENV, LATCHKEY_API_SECRET: " " }), /LATCHKEY_API_SECRET is required/);
		assert.throws(() => loadAppConfig({ ...ENV, LATCHKEY_API_URL: "localhost:4000" }), /LATCHKEY_API_URL must be an http\(s\) URL/);
		assert.throws(() => loadAppConfig({ ...ENV, APP_SESSION_SECRET: "short" }), /at least 32 characters/);
		assert.throws(() => loadAppConfig({ ...ENV, APP_PORT: "http" }), /APP_PORT must be a port number/);
	});
});
