import type { z } from 'zod';
import type { FlowIssue } from './errors.js';
import { formatJsonPath, type JsonPathSegment } from './json-path.js';

/**
 * Error map used when parsing flows: a missing field reads "is required" rather than zod's
 * "expected string, received undefined", which is correct but hides what happened.
 */
export const flowErrorMap: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return `is required (expected ${issue.expected})`;
  }
  return undefined;
};

function toSegments(path: readonly PropertyKey[]): JsonPathSegment[] {
  return path.map((segment) => (typeof segment === 'number' ? segment : String(segment)));
}

/**
 * Converts zod issues to flow issues with JSON paths. An unknown-keys issue, which zod reports
 * once on the enclosing object, becomes one issue per key located at the key itself, so the
 * path points straight at the typo.
 */
export function flowIssuesFromZod(issues: readonly z.core.$ZodIssue[]): FlowIssue[] {
  return issues.flatMap((issue): FlowIssue[] => {
    const segments = toSegments(issue.path);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: formatJsonPath([...segments, key]),
        message: `unknown key ${JSON.stringify(key)}; unknown keys are refused so that a typo is not silently ignored`,
      }));
    }
    return [{ path: formatJsonPath(segments), message: issue.message }];
  });
}
