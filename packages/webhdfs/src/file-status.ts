import { z } from 'zod';

/** A file's or directory's status as WebHDFS reports it (`GETFILESTATUS`, `LISTSTATUS`). */
export const fileStatusSchema = z.object({
  /** The entry's name in a listing; empty for `GETFILESTATUS`. */
  pathSuffix: z.string(),
  type: z.enum(['FILE', 'DIRECTORY', 'SYMLINK']),
  /** Bytes; 0 for a directory. */
  length: z.number(),
  owner: z.string(),
  group: z.string(),
  /** Octal, e.g. `644`. */
  permission: z.string(),
  /** Milliseconds since the epoch. */
  accessTime: z.number(),
  modificationTime: z.number(),
  blockSize: z.number(),
  replication: z.number(),
  /** The target of a symbolic link. */
  symlink: z.string().optional(),
});

/** A file's or directory's status. */
export type FileStatus = z.infer<typeof fileStatusSchema>;

/** `GETFILESTATUS`'s answer. */
export const fileStatusAnswer = z.object({ FileStatus: fileStatusSchema });

/** `LISTSTATUS`'s answer. */
export const fileStatusesAnswer = z.object({
  FileStatuses: z.object({ FileStatus: z.array(fileStatusSchema) }),
});

/** `MKDIRS`, `RENAME` and `DELETE` answer with a boolean. */
export const booleanAnswer = z.object({ boolean: z.boolean() });

/** `CREATE` and `APPEND` with `noredirect=true`: where to send the bytes. */
export const locationAnswer = z.object({ Location: z.string() });
