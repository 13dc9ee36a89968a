/** Content shown as JSON: pretty-printed, or why it is not JSON. */
export type PrettyJson =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

/**
 * Pretty-prints JSON text with two-space indents. Content that is not JSON (or only partly
 * loaded) gets a message a person can act on rather than an exception.
 */
export function prettyJson(text: string, complete = true): PrettyJson {
  if (text.trim() === '') return { ok: false, message: 'The content is empty.' };
  try {
    return { ok: true, text: JSON.stringify(JSON.parse(text), null, 2) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      message: complete
        ? `The content is not valid JSON: ${reason}`
        : `Only part of the content is loaded, and that part is not valid JSON on its own (${reason}). Load the rest to view it as JSON.`,
    };
  }
}
