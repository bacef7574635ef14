/** The `/mds/*` read routes' wire schemas (FIDO metadata imported with `latchkey mds import`). */
import { type Static, Type } from "@sinclair/typebox";

/** A filter: comma-separated values, the parameter repeated (upstream's client repeats it), or both. */
const Filter = Type.Union([Type.String({ maxLength: 2000 }), Type.Array(Type.String({ maxLength: 2000 }), { maxItems: 50 })]);

export const MdsEntriesQuery = Type.Object({
	attestationTypes: Type.Optional(Filter),
	certificationStatuses: Type.Optional(Filter),
});
export type MdsEntriesQuery = Static<typeof MdsEntriesQuery>;

/** A bare array of strings (upstream's shape for the attestation types and certification statuses). */
export const MdsValues = Type.Array(Type.String());
export type MdsValues = Static<typeof MdsValues>;

export const MdsEntry = Type.Object({
	aaguid: Type.String(),
	/** The metadata statement's `description`. */
	name: Type.String(),
	attestationTypes: Type.Array(Type.String()),
	/** The latest status report's status (by effectiveDate). */
	certificationStatus: Type.String(),
	/** A data: URL (PNG), when the metadata statement has one. */
	icon: Type.Optional(Type.String()),
});
export type MdsEntry = Static<typeof MdsEntry>;

export const MdsEntries = Type.Array(MdsEntry);
export type MdsEntries = Static<typeof MdsEntries>;
