// The ESM consumer: a relying party's backend (@latchkey/node) and a browser stand-in (@latchkey/testing's
// SoftAuthenticator), against `latchkey serve`. Prints one JSON line: what the backend verified.
import { Latchkey } from "@latchkey/node";
import { SoftAuthenticator } from "@latchkey/testing";

const { LATCHKEY_URL: apiUrl = "", LATCHKEY_API_KEY: apiKey = "", LATCHKEY_API_SECRET: apiSecret = "", ORIGIN: origin = "" } = process.env;
const userId = process.argv[2] ?? "esm-user";
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

const latchkey = new Latchkey({ apiUrl, apiSecret });
// Google Password Manager's AAGUID: the installed server names it from the data/ file shipped in its tarball.
const authenticator = new SoftAuthenticator({ aaguid: "ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4" });

const { token: registerToken } = await latchkey.createRegisterToken({ userId, username: `${userId}@example.com` });
const registerBegin = await post("/register/begin", { token: registerToken });
const registration = authenticator.createCredential(registerBegin.data, { origin });
const registered = await post("/register/complete", { session: registerBegin.session, response: registration });
const registeredUser = await latchkey.verifyToken(registered.token);

const signinBegin = await post("/signin/begin", {});
const assertion = authenticator.getAssertion(signinBegin.data, { origin });
const signedIn = await post("/signin/complete", { session: signinBegin.session, response: assertion });
const user = await latchkey.verifyToken(signedIn.token);
const [credential] = await latchkey.listCredentials(userId);

console.log(
	JSON.stringify({
		module: "esm",
		registerToken: registerToken.slice(0, 9),
		registeredType: registeredUser.type,
		userId: user.userId,
		type: user.type,
		credentialIdMatches: user.credentialId === Buffer.from(registration.id, "base64url").toString("base64"),
		timestampIsDate: user.timestamp instanceof Date,
		authenticatorName: credential?.authenticatorName,
	}),
);
