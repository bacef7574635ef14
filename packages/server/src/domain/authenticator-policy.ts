import { PasskeyError } from "@latchkey/protocol";
import type { AppSettings, AttestationConveyance } from "../store/store.ts";

/**
 * Applies an app's authenticator rules to a verified new credential, after its attestation was judged: the AAGUID
 * deny and allow lists (upstream's `/authenticators/*`, reference §3.2) and the device-bound policy.
 * @param settings - the app's lists and policy
 * @param credential - the new credential's AAGUID and backup eligibility (BE flag)
 * @param conveyance - the attestation the ceremony asked for (an allow list cannot be met by `none`: browsers may zero the AAGUID)
 * @throws authenticator_not_allowed, attestation_required, synced_passkey_not_allowed
 * @example checkAuthenticatorPolicy(app.settings, { aaguid, backupEligible: false }, "direct");
 */
export function checkAuthenticatorPolicy(
	settings: Pick<AppSettings, "authenticators" | "deviceBoundOnly">,
	credential: { aaguid: string; backupEligible: boolean },
	conveyance: AttestationConveyance,
): void {
	const lists = settings.authenticators ?? [];
	if (lists.length > 0) {
		const aaguid = credential.aaguid.toLowerCase();
		const entry = lists.find((e) => e.aaguid === aaguid);
		if (entry && !entry.isAllowed) {
			throw new PasskeyError("authenticator_not_allowed", { detail: `The authenticator ${aaguid} is on this application's deny list.` });
		}
		if (!entry && lists.some((e) => e.isAllowed)) {
			if (conveyance === "none") {
				throw new PasskeyError("attestation_required", {
					detail: `The authenticator ${aaguid} is not on the allow list; register with attestation (direct) so it can be identified.`,
				});
			}
			throw new PasskeyError("authenticator_not_allowed", {
				detail: `The authenticator ${aaguid} is not on this application's allow list.`,
			});
		}
	}
	if (settings.deviceBoundOnly && credential.backupEligible) {
		throw new PasskeyError("synced_passkey_not_allowed", {
			detail: "The new credential is backup eligible (a synced passkey); this application accepts device-bound credentials only.",
		});
	}
}
