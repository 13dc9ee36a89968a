import type { PropertyForm } from './form-model.js';

/** A saved property as the API shows it: the value, or only `{ set }` for a sensitive one. */
export type SavedProperty = string | { readonly set: boolean };

/** What the form does with a secret: keep what is saved, set a new value, or remove it. */
export type SecretDraft =
  | { readonly mode: 'keep' }
  | { readonly mode: 'set'; readonly value: string }
  | { readonly mode: 'clear' };

/**
 * The declared properties of a processor or controller service as a form edits them. Shared by
 * the processor panel and the controller service form, so both treat secrets the same way.
 */
export interface DeclaredDraft {
  /** Declared, non-sensitive properties; `''` means unset (the default applies). */
  readonly values: Readonly<Record<string, string>>;
  readonly secrets: Readonly<Record<string, SecretDraft>>;
  /** Whether each sensitive property is set on the server: all the browser ever learns of it. */
  readonly secretSet: Readonly<Record<string, boolean>>;
}

/** The declared properties as saved: values for plain ones, "set or not" for secrets. */
export function declaredDraft(
  saved: Readonly<Record<string, SavedProperty>>,
  ui: PropertyForm['ui'],
): DeclaredDraft {
  const values: Record<string, string> = {};
  const secrets: Record<string, SecretDraft> = {};
  const secretSet: Record<string, boolean> = {};
  for (const [key, hints] of Object.entries(ui)) {
    const value = saved[key];
    if (hints.sensitive) {
      secrets[key] = { mode: 'keep' };
      secretSet[key] = typeof value === 'object' ? value.set : value !== undefined && value !== '';
    } else {
      values[key] = typeof value === 'string' ? value : '';
    }
  }
  return { values, secrets, secretSet };
}

/**
 * The declared properties to send: changed values (an emptied one as `null`, so its default
 * applies again), typed secrets, and cleared secrets that were set. An untouched secret is left
 * out: the server keeps the value the browser never had.
 */
export function declaredChanges(
  base: DeclaredDraft,
  draft: DeclaredDraft,
): Record<string, string | null> {
  const changes: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(draft.values)) {
    if ((base.values[key] ?? '') !== value) changes[key] = value === '' ? null : value;
  }
  for (const [key, secret] of Object.entries(draft.secrets)) {
    if (secret.mode === 'set' && secret.value !== '') changes[key] = secret.value;
    if (secret.mode === 'clear' && base.secretSet[key]) changes[key] = null;
  }
  return changes;
}

/** The secrets after their change was applied: typed ones are now "set", cleared ones not. */
export function committedSecrets(
  draft: DeclaredDraft,
): Pick<DeclaredDraft, 'secrets' | 'secretSet'> {
  const secretSet: Record<string, boolean> = { ...draft.secretSet };
  const secrets: Record<string, SecretDraft> = {};
  for (const [key, secret] of Object.entries(draft.secrets)) {
    if (secret.mode === 'set' && secret.value !== '') secretSet[key] = true;
    if (secret.mode === 'clear') secretSet[key] = false;
    secrets[key] = { mode: 'keep' };
  }
  return { secrets, secretSet };
}
