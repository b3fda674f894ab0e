// Time limits for test-bed hooks. A bed starts three sshd and generates keys; on an idle
// machine that takes about a second, on a busy two-core CI machine (load 4–7) far longer.
// The hooks return as soon as the bed is up, so a wide limit costs nothing when all is well.
export const TESTBED_HOOK_MS = 180_000;
