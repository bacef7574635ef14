// The optional browser entry points as an app bundles them from the packed package: `LifecycleClient` (with the
// core Client it extends) and the three signal helpers, minified, es2020.
import { getCapabilities, LifecycleClient } from "@latchkey/client/lifecycle";
import { signalAllAcceptedCredentials, signalCurrentUserDetails, signalUnknownCredential } from "@latchkey/client/signals";

const client = new LifecycleClient({ apiUrl: "https://passkeys.example.com", apiKey: "app:public:00000000000000000000000000000000" });
export const used = [
	client.register,
	client.signinWithToken,
	client.capabilities,
	getCapabilities,
	signalUnknownCredential,
	signalAllAcceptedCredentials,
	signalCurrentUserDetails,
];
