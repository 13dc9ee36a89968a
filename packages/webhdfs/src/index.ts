/**
 * A small WebHDFS REST client over Node's fetch (and node:http for the DataNode write step),
 * framework-free: create, append, open/read, getFileStatus, listStatus, mkdirs, rename, setOwner, delete.
 */
export type { UploadBody } from './datanode-upload.js';
export type { FileStatus } from './file-status.js';
export {
  WebHdfsClient,
  type CallOptions,
  type CreateOptions,
  type OpenOptions,
  type SetOwnerOptions,
  type WebHdfsClientOptions,
} from './webhdfs-client.js';
export {
  WebHdfsError,
  type RemoteException,
  type WebHdfsErrorCode,
  type WebHdfsTarget,
} from './webhdfs-error.js';
