/**
 * When the repositories call fsync. `always`: before every commit resolves. `batch` (default):
 * commits arriving together share one fsync (group commit) and each resolves after it. `never`:
 * the OS decides; a process crash loses nothing, a power cut may.
 */
export type FsyncPolicy = 'always' | 'batch' | 'never';
