// The benchmark's results as one record (bench/results/latest.json): what run.ts collects, targets.ts judges and
// report.ts prints. Types only, so that report.ts and targets.ts both depend on it and not on each other.
import type { CognitoPath } from "../load/cognito-path.ts";
import type { CurvePoint } from "../load/curve.ts";
import type { PhaseReport } from "../load/phases.ts";
import type { Flatness, ReferenceRun, Workers } from "../load/sections.ts";
import type { CryptoInServer } from "../micro/crypto-in-server.ts";
import type { StorageCost } from "../micro/measure-storage.ts";

/** Everything one run measured, with the targets computed from it. */
export interface Results {
	date: string;
	machine: { nproc: number; cpuModel: string; node: string };
	config: { secondsPerPhase: number; connections: number; database: string; nodes: number } & Record<string, unknown>;
	rawVerify: { verifiesPerSecond: number };
	webCryptoVerify: unknown;
	phases: Record<string, PhaseReport>;
	assertionSigning: { count: number; perSecond: number };
	rssMiB: { afterStart: number; idleBeforeLoad: number; peakDuringLoad: number; idleAfterLoad: number };
	ratios: { signInsPerRawVerify: number; completesPerRawVerify: number };
	extra: Extra;
	targets: Target[];
	totalErrors: number;
	benchSeconds: number;
}

/** The runs beyond the main phases (SQLite, one node). */
export interface Extra {
	loadCurve?: CurvePoint[];
	soak?: {
		seconds: number;
		signInsPerSecond: number;
		errors: number;
		rssMiB: { start: number; end: number; peak: number; firstFifthMean: number; lastFifthMean: number };
		samples: number[];
	};
	startup?: { runsMs: number[]; medianMs: number };
	flatness?: Flatness;
	workers?: Workers;
	reference?: ReferenceRun;
	floor?: PhaseReport;
	commit?: { microsPerCommit: number; commits: number };
	storage?: StorageCost;
	/** Section 12: whole sign-ins through the Cognito-style API next to the Passwordless.dev API, one server. */
	cognitoPath?: CognitoPath;
	/** The signature check and key import inside the main server, in the sign-in and complete-only phases. */
	cryptoInServer?: { signIn: CryptoInServer; completeOnly: CryptoInServer };
}

/** One of the targets, as measured. */
export interface Target {
	n: number;
	what: string;
	measured: string;
	target: string;
	met: boolean | null;
}
