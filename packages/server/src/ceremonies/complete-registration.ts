import type { Config } from "../config.ts";
import type { Deps } from "../deps.ts";
import { checkAuthenticatorPolicy } from "../domain/authenticator-policy.ts";
import type { RequestContext } from "../domain/request-context.ts";
import type { RouteEvent } from "../domain/route-event.ts";
import { fromBase64Any } from "../encoding.ts";
import type { App, AttestationRecord } from "../store/store.ts";
import type { AttestationTrust } from "../webauthn/attestation-trust.ts";
import type { RegistrationResponseBody } from "../webauthn/credential-json.ts";
import type { RequestParty } from "../webauthn/origin-policy.ts";
import { type AttestationCheck, verifyRegistration } from "../webauthn/verify-registration.ts";
import { buildVerifyToken } from "./issue-verify-token.ts";
import { burnCeremonyOnFailure, ceremonyGone, findCeremony } from "./load-token.ts";

/** How an app judges attestation: its mode, the imported FIDO metadata (read only when there is one), the server's time. */
async function attestationCheck(app: App, context: { deps: Deps; now: Date }): Promise<AttestationCheck> {
	const metadata = (await context.deps.mds?.current()) ?? null;
	return {
		now: context.now,
		mode: app.settings.attestationMode ?? "permissive",
		sources: { metadata },
		metadata: metadata ? "consulted" : "missing",
	};
}

/** The stored form of what the attestation proved. */
function toAttestationRecord(trust: AttestationTrust): AttestationRecord {
	const record: AttestationRecord = { trusted: trust.trusted, reason: trust.reason };
	if (trust.metadata) {
		record.certified = trust.metadata.certified;
		if (trust.metadata.status) record.metadataStatus = trust.metadata.status;
	}
	return record;
}

/**
 * `/register/complete`: reads the session, verifies the response, then in one atomic write takes the session (single
 * use), stores the credential (and the token's aliases) and a `passkey_register` verify token. A failed attempt uses
 * the session up too.
 * @param input - the app, the request body, the checked origin/RP ID and the device/country of the request
 * @param context - deps and config
 * @returns the verify token and the event to record
 * @throws the codes of findCeremony, verifyRegistration and checkAuthenticatorPolicy, credential_already_registered, alias_conflict,
 * invalid_token (a concurrent complete of the same session won)
 */
export async function completeRegistration(
	input: {
		app: App;
		session: string | undefined;
		response: RegistrationResponseBody;
		nickname: string | null;
		party: RequestParty;
		context: RequestContext;
	},
	context: { deps: Deps; config: Config },
): Promise<{ token: string; event: RouteEvent }> {
	const { app, party } = input;
	const { deps } = context;
	const now = deps.clock.now();
	const ceremony = await findCeremony({ text: input.session, kind: "registration", appId: app.id }, { store: deps.store, now });
	const { state } = ceremony;
	const done = await burnCeremonyOnFailure(ceremony, deps.store, async () => {
		const verified = await verifyRegistration(
			input.response,
			{
				challenge: state.challenge,
				origin: party.origin,
				rpId: state.rpId,
				userVerification: state.userVerification,
				allowedTopOrigins: app.settings.allowedTopOrigins,
			},
			await attestationCheck(app, { deps, now }),
		);
		checkAuthenticatorPolicy(app.settings, verified, state.attestation ?? "none");
		const { text, token } = buildVerifyToken(
			{
				appId: app.id,
				type: "passkey_register",
				userId: state.userId,
				credentialId: fromBase64Any(verified.credentialId) ?? new Uint8Array(),
				rpId: state.rpId,
				origin: party.origin,
				device: input.context.device,
				country: input.context.country,
				nickname: input.nickname,
				purpose: null,
			},
			context,
		);
		const finished = await deps.store.ceremonies.finishRegistration({
			ceremony,
			credential: {
				appId: app.id,
				credentialId: verified.credentialId,
				userId: state.userId,
				userHandle: state.userHandle,
				publicKey: verified.publicKey,
				signCount: verified.signCount,
				transports: verified.transports,
				aaguid: verified.aaguid,
				attestationFmt: verified.attestationFmt,
				attestationTrust: toAttestationRecord(verified.attestation),
				backupEligible: verified.backupEligible,
				backupState: verified.backupState,
				discoverable: verified.discoverable,
				rpId: state.rpId,
				origin: party.origin,
				device: input.context.device,
				country: input.context.country,
				nickname: input.nickname,
				prfSupported: verified.prfSupported,
				createdAt: now,
				lastUsedAt: now,
			},
			aliases: state.aliases,
			token,
		});
		return { finished, token: text };
	});
	if (done.finished === "ceremony_gone") throw ceremonyGone();
	return { token: done.token, event: { eventType: "ApiAuthPasskeyRegistrationCompleted", userId: state.userId } };
}
