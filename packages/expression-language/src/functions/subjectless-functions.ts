import { nowMs } from '../conversions.js';
import type { Value } from '../values.js';
import { argumentAt } from './arguments.js';
import type { Evaluator, FunctionDef } from './function-def.js';

let counter = 0n;

/** Functions that need no subject: `${now()}`, `${UUID()}`, `${literal('x')}`... */
export const SUBJECTLESS_FUNCTIONS: readonly FunctionDef[] = [
  subjectless(
    'now',
    'The current date and time (from the context clock when it has one).',
    () => (ctx) => new Date(nowMs(ctx)),
  ),
  subjectless('UUID', 'A random (version 4) UUID.', () => () => crypto.randomUUID()),
  subjectless(
    'nextInt',
    'A whole number one higher than the last call returned, starting at 0, shared by the whole process (as in NiFi).',
    () => () => counter++,
  ),
  subjectless('random', 'A random non-negative 63-bit whole number.', () => () => randomLong()),
  {
    name: 'literal',
    signature: 'literal(value)',
    description: 'The argument itself, so an expression can start from a constant.',
    takesSubject: false,
    minArgs: 1,
    maxArgs: 1,
    build: ({ args }) => argumentAt(args, 0).evaluate,
  },
  {
    name: 'hostname',
    signature: 'hostname([fullyQualified])',
    description: 'The name of the host running Sluice.',
    takesSubject: false,
    minArgs: 0,
    maxArgs: 1,
    build: () => {
      const name = hostname();
      return () => name;
    },
  },
];

function subjectless(
  name: string,
  description: string,
  build: () => Evaluator<Value>,
): FunctionDef {
  return {
    name,
    signature: `${name}()`,
    description,
    takesSubject: false,
    minArgs: 0,
    maxArgs: 0,
    build,
  };
}

function randomLong(): bigint {
  const words = crypto.getRandomValues(new Uint32Array(2));
  return (BigInt((words[0] ?? 0) & 0x7fffffff) << 32n) | BigInt(words[1] ?? 0);
}

/**
 * The host name, through `node:os` when running in Node (loaded lazily so that browser bundles,
 * which only validate expressions, do not need it).
 */
function hostname(): string {
  const os = typeof process === 'undefined' ? undefined : process.getBuiltinModule?.('node:os');
  return os?.hostname() ?? 'localhost';
}
