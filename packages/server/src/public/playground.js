// The playground: plain browser code against the Passwordless.dev-compatible API of this server.
const $ = (id) => document.getElementById(id);
const apiUrl = location.origin;
let apiKey = "";

const b64urlToBytes = (text) => {
	const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
	return Uint8Array.from(atob(b64 + "===".slice((b64.length + 3) % 4)), (c) => c.charCodeAt(0));
};
const bytesToB64url = (buffer) =>
	btoa(String.fromCharCode(...new Uint8Array(buffer)))
		.replace(/\+/g, "-")
		.replace(/\//g, "_")
		.replace(/=+$/, "");

function show(value, isError = false) {
	$("output").textContent = typeof value === "string" ? value : JSON.stringify(value, null, 2);
	$("output").className = isError ? "error" : "";
}

async function call(path, body, headers = {}) {
	const response = await fetch(apiUrl + path, {
		method: "POST",
		headers: { "Content-Type": "application/json", ...headers },
		body: JSON.stringify(body),
	});
	const json = await response.json();
	if (!response.ok) throw Object.assign(new Error(json.detail || json.title), { problem: json });
	return json;
}
const api = (path, body) => call(path, { ...body, RPID: location.hostname, Origin: location.origin }, { ApiKey: apiKey });

function credentialToJSON(credential) {
	if (typeof credential.toJSON === "function") return credential.toJSON();
	const r = credential.response;
	const response = { clientDataJSON: bytesToB64url(r.clientDataJSON) };
	if (r.attestationObject) {
		response.attestationObject = bytesToB64url(r.attestationObject);
		response.transports = r.getTransports ? r.getTransports() : [];
	} else {
		response.authenticatorData = bytesToB64url(r.authenticatorData);
		response.signature = bytesToB64url(r.signature);
		if (r.userHandle) response.userHandle = bytesToB64url(r.userHandle);
	}
	return {
		id: credential.id,
		rawId: bytesToB64url(credential.rawId),
		type: credential.type,
		authenticatorAttachment: credential.authenticatorAttachment,
		clientExtensionResults: credential.getClientExtensionResults(),
		response,
	};
}

async function register() {
	const username = $("username").value.trim();
	if (!username) return show("Type a username first.", true);
	const { token } = await call("/playground/register-token", { username });
	const begin = await api("/register/begin", { token });
	const publicKey = {
		...begin.data,
		challenge: b64urlToBytes(begin.data.challenge),
		user: { ...begin.data.user, id: b64urlToBytes(begin.data.user.id) },
		excludeCredentials: begin.data.excludeCredentials.map((c) => ({ ...c, id: b64urlToBytes(c.id) })),
	};
	const credential = await navigator.credentials.create({ publicKey });
	const complete = await api("/register/complete", {
		session: begin.session,
		response: credentialToJSON(credential),
		nickname: "Playground",
	});
	show({ registered: username, verified: await call("/playground/verify", { token: complete.token }) });
}

async function signIn(alias) {
	const begin = await api("/signin/begin", alias ? { alias } : {});
	const publicKey = { ...begin.data, challenge: b64urlToBytes(begin.data.challenge) };
	if (publicKey.allowCredentials.length === 0) delete publicKey.allowCredentials;
	else publicKey.allowCredentials = publicKey.allowCredentials.map((c) => ({ ...c, id: b64urlToBytes(c.id) }));
	const credential = await navigator.credentials.get({ publicKey });
	const complete = await api("/signin/complete", { session: begin.session, response: credentialToJSON(credential) });
	show({ signedIn: await call("/playground/verify", { token: complete.token }) });
}

function wire(id, action) {
	$(id).addEventListener("click", async () => {
		$(id).disabled = true;
		try {
			await action();
		} catch (error) {
			show(error.problem ?? `${error.name}: ${error.message}`, true);
		} finally {
			$(id).disabled = false;
		}
	});
}

const config = await (await fetch("/playground/config")).json();
apiKey = config.apiKey;
$("app-id").textContent = config.appId;
$("api-url").textContent = apiUrl;
wire("register", register);
wire("signin-alias", () => signIn($("username").value.trim()));
wire("signin-discoverable", () => signIn(null));
document.body.dataset.ready = "true";
