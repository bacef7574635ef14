import type { MetadataBLOBPayloadEntry } from "@simplewebauthn/server";
import type { FastifyInstance } from "fastify";
import { latestStatus } from "../mds/mds-catalog.ts";
import { type MdsEntries, MdsEntriesQuery, MdsEntries as MdsEntriesSchema, type MdsEntry, MdsValues } from "../wire/mds-schemas.ts";
import type { RouteContext } from "./route-context.ts";

/** The FIDO2 entries (those with an AAGUID), as upstream lists them. */
async function fido2Entries(context: RouteContext): Promise<MetadataBLOBPayloadEntry[]> {
	const catalog = await context.deps.mds.current();
	return (catalog?.entries() ?? []).filter((e) => typeof e.aaguid === "string");
}

const sortedDistinct = (values: Iterable<string>): string[] => [...new Set(values)].sort();

/** "a,b" or ["a", "b,c"] → the set of values, or null when the filter is absent or empty. */
function filterSet(filter: string | string[] | undefined): Set<string> | null {
	const values = [filter ?? []]
		.flat()
		.flatMap((v) => v.split(","))
		.map((v) => v.trim())
		.filter(Boolean);
	return values.length > 0 ? new Set(values) : null;
}

function toWire(entry: MetadataBLOBPayloadEntry): MdsEntry {
	const statement = entry.metadataStatement;
	return {
		aaguid: (entry.aaguid as string).toLowerCase(),
		name: statement?.description ?? "",
		attestationTypes: [...(statement?.attestationTypes ?? [])],
		certificationStatus: latestStatus(entry)?.status ?? "",
		...(statement?.icon ? { icon: statement.icon } : {}),
	};
}

/**
 * GET /mds/attestation-types, /mds/certification-statuses, /mds/entries (secret, any scope): the FIDO metadata
 * imported with `latchkey mds import`, read-only; `[]` when none was imported.
 */
export async function mdsRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
	const schema = (response: object, extra: object = {}) => ({ tags: ["mds"], ...extra, response: { 200: response } });
	app.get("/mds/attestation-types", { config: { key: "secret" }, schema: schema(MdsValues) }, async (): Promise<MdsValues> => {
		const entries = await fido2Entries(context);
		return sortedDistinct(entries.flatMap((e) => e.metadataStatement?.attestationTypes ?? []));
	});
	app.get("/mds/certification-statuses", { config: { key: "secret" }, schema: schema(MdsValues) }, async (): Promise<MdsValues> => {
		const entries = await fido2Entries(context);
		return sortedDistinct(entries.flatMap((e) => (e.statusReports ?? []).map((r) => r.status)));
	});
	app.get<{ Querystring: MdsEntriesQuery }>(
		"/mds/entries",
		{ config: { key: "secret" }, schema: schema(MdsEntriesSchema, { querystring: MdsEntriesQuery }) },
		async (request): Promise<MdsEntries> => {
			const types = filterSet(request.query.attestationTypes);
			const statuses = filterSet(request.query.certificationStatuses);
			return (await fido2Entries(context))
				.map(toWire)
				.filter((e) => types === null || e.attestationTypes.some((t) => types.has(t)))
				.filter((e) => statuses === null || statuses.has(e.certificationStatus))
				.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
		},
	);
}
