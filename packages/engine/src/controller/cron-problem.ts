import { Cron } from 'croner';

/**
 * Why a cron expression cannot be scheduled (croner's own readable message), or undefined when
 * it can. The flow schema checks only the field count; this checks the fields themselves, with
 * the same parser the scheduler uses, so a form can say so before the processor is started.
 */
export function cronProblem(expression: string): string | undefined {
  try {
    new Cron(expression, { paused: true }).stop();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
