// What the browser SDK costs an app: `Client` with `register` and every sign-in method (as packages/client's
// bundle-size test measures it), bundled from the packed package by the consumer's esbuild, minified, es2020.
import { Client } from "@latchkey/client";

const client = new Client({ apiUrl: "https://passkeys.example.com", apiKey: "app:public:00000000000000000000000000000000" });
export const methods = [
	client.register,
	client.signinWithAlias,
	client.signinWithId,
	client.signinWithDiscoverable,
	client.signinWithAutofill,
	client.stepup,
	client.abort,
	client.isBrowserSupported,
	client.isPlatformSupported,
	client.isAutofillSupported,
];
