// A CommonJS TypeScript consumer: `import … = require()` of the ESM-only packages, which Node ≥ 22.12 runs
// (require(esm)) and TypeScript ≥ 5.8 type-checks under NodeNext.
import type { VerifiedUser } from "@latchkey/node";
import type { RegistrationResponseJSON } from "@latchkey/testing";

import node = require("@latchkey/node");
import testing = require("@latchkey/testing");

const latchkey = new node.Latchkey({ apiUrl: "http://localhost:4000", apiSecret: "shop:secret:0123" });
const authenticator = new testing.SoftAuthenticator();

function verify(token: string): Promise<VerifiedUser> {
	return latchkey.verifyToken(token);
}

function register(options: Parameters<testing.SoftAuthenticator["createCredential"]>[0]): RegistrationResponseJSON {
	return authenticator.createCredential(options, { origin: "http://localhost:8080" });
}

export = { verify, register };
