import type { FastifyInstance } from "fastify";
import { Empty, FeaturesBody } from "../wire/management-schemas.ts";
import type { RouteContext } from "./route-context.ts";

/** POST /apps/features (secret, any scope): patch-style switches of the app. */
export async function appRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
	const { deps } = context;
	app.post<{ Body: FeaturesBody }>(
		"/apps/features",
		{ config: { key: "secret" }, schema: { tags: ["apps"], body: FeaturesBody, response: { 204: Empty } } },
		async (request, reply) => {
			const { app: tenant } = request.tenant;
			const body = request.body;
			const settings = { ...tenant.settings };
			if (typeof body.eventLoggingRetentionPeriod === "number") settings.eventRetentionDays = body.eventLoggingRetentionPeriod;
			if (typeof body.enableManuallyGeneratedAuthenticationTokens === "boolean") {
				settings.generateSigninTokensEnabled = body.enableManuallyGeneratedAuthenticationTokens;
			}
			if (typeof body.enableMagicLinks === "boolean") settings.magicLinksEnabled = body.enableMagicLinks;
			const limits = { ...settings.rateLimits };
			if (body.rateLimitPerIp !== undefined) limits.perIp = body.rateLimitPerIp;
			if (body.rateLimitPerApp !== undefined) limits.perApp = body.rateLimitPerApp;
			if (body.rateLimitPerKey !== undefined) limits.perKey = body.rateLimitPerKey;
			if (Object.keys(limits).length > 0) settings.rateLimits = limits;
			if (body.attestation !== undefined) settings.attestation = body.attestation;
			if (body.attestationMode !== undefined) settings.attestationMode = body.attestationMode;
			if (body.deviceBoundOnly !== undefined) settings.deviceBoundOnly = body.deviceBoundOnly;
			await deps.store.apps.updateSettings(tenant.id, settings);
			return reply.code(204).send();
		},
	);
}
