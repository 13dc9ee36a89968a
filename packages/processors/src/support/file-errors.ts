import { stat } from 'node:fs/promises';

/** The Node error code (`ENOENT`, `EACCES`…) of a file-system error, if it has one. */
export function errorCode(error: unknown): string | undefined {
  return error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
}

/** The message of a thrown value, for a log line or a flowfile attribute. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Whether a path exists. Only "no such file" means no: any other error (no permission, I/O) is
 * thrown, since answering "does not exist" would let a processor overwrite or skip wrongly.
 */
export async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    (error: unknown) => {
      if (errorCode(error) === 'ENOENT') return false;
      throw error;
    },
  );
}
