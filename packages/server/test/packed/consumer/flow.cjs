// The CommonJS consumer: the same ceremony as flow.mjs, loading the ESM-only packages with require() (require(esm),
// Node ≥ 22.12). Prints one JSON line: what the backend verified.
const { Latchkey, isLatchkeyError } = require("@latchkey/node");
const { SoftAuthenticator } = require("@latchkey/testing");

const { LATCHKEY_URL: apiUrl = "", LATCHKEY_API_KEY: apiKey = "", LATCHKEY_API_SECRET: apiSecret = "", ORIGIN: origin = "" } = process.env;
const userId = process.argv[2] ?? "cjs-user";
const party = { RPID: new URL(origin).hostname, Origin: origin };

/** The browser's side: a public-key call as `@latchkey/client` makes it. */
async function post(path, body) {
	const res = await fetch(`${apiUrl}${path}`, {
		method: "POST",
		headers: { "content-type": "application/json", ApiKey: apiKey, Origin: origin },
		body: JSON.stringify({ ...body, ...party }),
	});
	const json = await res.json();
	if (!res.ok) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(json)}`);
	return json;
}

async function main() {
	const latchkey = new Latchkey({ apiUrl, apiSecret });
	const authenticator = new SoftAuthenticator();

	const { token: registerToken } = await latchkey.createRegisterToken({ userId, username: `${userId}@example.com` });
	const registerBegin = await post("/register/begin", { token: registerToken });
	const registration = authenticator.createCredential(registerBegin.data, { origin });
	await post("/register/complete", { session: registerBegin.session, response: registration });

	const signinBegin = await post("/signin/begin", {});
	const assertion = authenticator.getAssertion(signinBegin.data, { origin });
	const signedIn = await post("/signin/complete", { session: signinBegin.session, response: assertion });
	const user = await latchkey.verifyToken(signedIn.token);

	// Verify tokens are single-use: the second try is a LatchkeyError with the catalog's code.
	let replay = "accepted";
	try {
		await latchkey.verifyToken(signedIn.token);
	} catch (err) {
		replay = isLatchkeyError(err) ? err.errorCode : String(err);
	}

	console.log(
		JSON.stringify({
			module: "cjs",
			registerToken: registerToken.slice(0, 9),
			userId: user.userId,
			type: user.type,
			credentialIdMatches: user.credentialId === Buffer.from(registration.id, "base64url").toString("base64"),
			timestampIsDate: user.timestamp instanceof Date,
			replay,
		}),
	);
}

main().catch((err) => {
	console.error(err);
	process.exitCode = 1;
});
