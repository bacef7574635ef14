export type { TestAttestationCa, TestAttestationLeaf, TestCertificate } from "./attestation-ca.ts";
export { createTestAttestationCa } from "./attestation-ca.ts";
export { freePort } from "./free-port.ts";
export type { ReceivedMail, SmtpSink } from "./smtp-sink.ts";
export { startSmtpSink } from "./smtp-sink.ts";
export type { ServerProcess, TestApp } from "./start-server.ts";
export { startServer } from "./start-server.ts";
export type { ClusterOptions, ThrowawayCluster } from "./throwaway-cluster.ts";
export { findPostgresBin, postgresSkip, startThrowawayCluster } from "./throwaway-cluster.ts";
