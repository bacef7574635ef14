// The relying party's front end: the packed @latchkey/client, bundled by the consumer's esbuild into public/page.js.
// `window.rp.register(config, token)` and `window.rp.signin(config)` return the client's result (`{ token }` or
// `{ error }`, with the DOMException in `cause` replaced by its name so that it crosses page.evaluate).
import { Client } from "@latchkey/client";

const plain = (result) => {
	if (!result.error) return result;
	const { cause, ...error } = result.error;
	return { error: { ...error, causeName: cause?.name } };
};

window.rp = {
	register: async (config, token) => plain(await new Client(config).register(token, "packed test")),
	signin: async (config) => plain(await new Client(config).signinWithDiscoverable()),
};
window.ready = true;
