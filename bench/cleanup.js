'use strict';
/**
 * A bench's teardown: steps pushed as things start, run in reverse order at the end or on SIGINT/SIGTERM
 * (then the process exits 130), each step's failure reported and the rest still run.
 */
const createCleanup = (tag) => {
  const steps = [];
  const run = async () => {
    while (steps.length) {
      const fn = steps.pop();
      try {
        await fn();
      } catch (error) {
        console.error(`[${tag}] cleanup step failed:`, error && error.message);
      }
    }
  };
  let interrupted = false;
  const onSignal = (signal) => {
    if (interrupted) return;
    interrupted = true;
    console.error(`[${tag}] ${signal}: cleaning up`);
    run().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return { push: (fn) => steps.push(fn), run };
};

module.exports = { createCleanup };
