export type { CredentialScope, TempCredential } from './credentials.js';
export type { SandboxDescriptor } from './descriptor.js';
export type { FaultKind, FaultPlan } from './faults.js';
export { UnknownFaultError } from './faults.js';
export type { RequestRecord } from './request-log.js';
export type { SandboxOptions } from './sandbox-options.js';
export { type Sandbox, startSandbox } from './start-sandbox.js';
