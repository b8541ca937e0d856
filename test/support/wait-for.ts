/**
 * waitFor polls `check` until it holds, and fails the test naming `what` when it has not within
 * `timeoutMs`. `what` may be a function, for a message built at the timeout (a process's log).
 */
import assert from 'node:assert/strict';

export async function waitFor(check: () => boolean | Promise<boolean>, what: string | (() => string), timeoutMs = 5000, intervalMs = 5): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
