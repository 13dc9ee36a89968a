/** The largest flow file the editor sends to `flows.import`; the server refuses more too. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/** A flow file read for import: its text, or why it cannot be imported. */
export type FlowFileRead =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

/** A size in MB with one decimal, as the server words it ("10.5 MB"). */
export function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

/** A file's text as UTF-8 (a leading BOM dropped), through FileReader, which every engine has. */
function readText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(new Error(reader.error?.message || 'the file could not be read'));
    reader.readAsText(file);
  });
}

/**
 * Reads a chosen flow file as text. A file over {@link MAX_IMPORT_BYTES} is refused before it
 * is read, so a wrong pick (a video, a dump) neither hangs the tab nor goes to the server.
 * Never throws: a file that cannot be read gives a message a person can act on.
 */
export async function readFlowFile(file: File): Promise<FlowFileRead> {
  if (file.size > MAX_IMPORT_BYTES) {
    return {
      ok: false,
      message: `${file.name} is ${megabytes(file.size)}; an import takes at most ${megabytes(MAX_IMPORT_BYTES)}`,
    };
  }
  try {
    return { ok: true, text: await readText(file) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `Could not read ${file.name}: ${reason}` };
  }
}
