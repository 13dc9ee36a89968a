/** One reversible step of a command that makes several API calls. */
export interface Step {
  run(): Promise<unknown>;
  revert(): Promise<unknown>;
}

/**
 * Runs steps in order; if one fails, reverts the ones that ran (newest first) and rethrows, so
 * a command either happens whole or, as far as the server allows, not at all.
 */
export async function runSteps(steps: readonly Step[]): Promise<void> {
  const done: Step[] = [];
  try {
    for (const step of steps) {
      await step.run();
      done.push(step);
    }
  } catch (error) {
    for (const step of done.reverse()) {
      // Best effort: the first error is the one the user needs to see.
      await step.revert().catch(() => undefined);
    }
    throw error;
  }
}
