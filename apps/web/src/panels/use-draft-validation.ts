import { useEffect, useState } from 'react';
import { api, errorMessage } from '../api/client.js';
import type { ApiInputs, ApiOutputs } from '../api/types.js';
import type { Issue } from './issue-routing.js';

/** What processors.validateDraft takes. */
export type ValidateDraftInput = ApiInputs['processors']['validateDraft'];

/** What processors.validateDraft answers: the draft's issues and the processor's relationships. */
export type ValidateDraftResult = ApiOutputs['processors']['validateDraft'];

/** Asks the server what is wrong with a draft; injectable so components are tested without one. */
export type ValidateDraft = (input: ValidateDraftInput) => Promise<ValidateDraftResult>;

/** The real call, over the editor's tRPC client. */
export const validateDraftOnServer: ValidateDraft = (input) =>
  api.processors.validateDraft.query(input);

/** The server's latest word on a draft. */
export interface DraftValidation {
  readonly issues: readonly Issue[];
  /** The relationships the processor would have; undefined until the server has answered. */
  readonly relationships: readonly string[] | undefined;
  /** True while the shown issues are for an older draft than the one in the form. */
  readonly pending: boolean;
  /** Why the server could not be asked (the form still works; Apply will say what is wrong). */
  readonly error: string | undefined;
}

interface Answer {
  readonly key: string;
  readonly issues: readonly Issue[];
  readonly relationships: readonly string[] | undefined;
  readonly error: string | undefined;
}

/**
 * Validation as you type: the draft is sent `delayMs` after the last keystroke, and an answer is
 * used only if no newer draft was sent meanwhile (answers can arrive out of order). Until then
 * the previous issues stay on screen, so the form does not flicker while typing. A new
 * `revision` asks again for the same draft: something it depends on changed on the server (a
 * controller service it refers to was enabled or disabled).
 */
export function useDraftValidation(
  validate: ValidateDraft,
  input: ValidateDraftInput,
  delayMs: number,
  revision = 0,
): DraftValidation {
  const inputKey = JSON.stringify(input);
  const key = `${revision}:${inputKey}`;
  const [answer, setAnswer] = useState<Answer | undefined>(undefined);
  useEffect(() => {
    let current = true;
    const request = JSON.parse(inputKey) as ValidateDraftInput;
    const timer = setTimeout(() => {
      validate(request).then(
        (result) => {
          if (current) {
            setAnswer({
              key,
              issues: result.issues,
              relationships: result.relationships,
              error: undefined,
            });
          }
        },
        (error: unknown) => {
          // Keep the last issues: a failed check says nothing about the draft.
          if (current) {
            setAnswer((previous) => ({
              key,
              issues: previous?.issues ?? [],
              relationships: previous?.relationships,
              error: errorMessage(error),
            }));
          }
        },
      );
    }, delayMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key, inputKey, validate, delayMs]);
  return {
    issues: answer?.issues ?? [],
    relationships: answer?.relationships,
    pending: answer?.key !== key,
    error: answer?.error,
  };
}
