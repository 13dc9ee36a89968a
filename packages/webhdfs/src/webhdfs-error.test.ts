import { describe, expect, it } from 'vitest';
import { codeOfFailure, errorOfResponse, parseRemoteException } from './webhdfs-error.js';

const target = { operation: 'CREATE', path: '/data/a.txt', host: 'http://127.0.0.1:19864' };

describe('WebHDFS error answers', () => {
  it('quotes the exception and the first line of its message, with the operation, path and host', () => {
    // As a DataNode answers a CREATE of an existing file: the stack trace is in the message.
    const body = JSON.stringify({
      RemoteException: {
        exception: 'FileAlreadyExistsException',
        javaClassName: 'org.apache.hadoop.fs.FileAlreadyExistsException',
        message:
          '/data/a.txt for client 127.0.0.1 already exists\n\tat org.apache.hadoop.hdfs.server.namenode.FSDirWriteFileOp.startFile(FSDirWriteFileOp.java:391)\n',
      },
    });
    const error = errorOfResponse(target, 403, body);
    expect(error.code).toBe('exists');
    expect(error.details).toMatchObject({ status: 403, exception: 'FileAlreadyExistsException' });
    expect(error.message).toBe(
      'WebHDFS CREATE /data/a.txt at http://127.0.0.1:19864 failed: ' +
        'FileAlreadyExistsException: /data/a.txt for client 127.0.0.1 already exists',
    );
  });

  it('maps Hadoop exceptions to codes, the HTTP status when the name is unknown', () => {
    expect(codeOfFailure(404, 'FileNotFoundException')).toBe('not-found');
    expect(codeOfFailure(403, 'AccessControlException')).toBe('permission');
    expect(codeOfFailure(403, 'PathIsNotEmptyDirectoryException')).toBe('not-empty');
    expect(codeOfFailure(403, 'SafeModeException')).toBe('unavailable');
    expect(codeOfFailure(400, 'IllegalArgumentException')).toBe('invalid');
    expect(codeOfFailure(401)).toBe('permission');
    expect(codeOfFailure(503)).toBe('unavailable');
    expect(codeOfFailure(500, 'IOException')).toBe('remote');
  });

  it('takes a 403 with an IOException for the cluster’s problem, not a missing permission', () => {
    // Given the answer of a NameNode whose DataNode has not registered its storage yet (seen
    // right after a restart): Hadoop's ExceptionHandler sends any IOException as 403 Forbidden
    const body = JSON.stringify({
      RemoteException: {
        exception: 'IOException',
        javaClassName: 'java.io.IOException',
        message: 'Failed to find datanode, suggest to check cluster health. excludeDatanodes=null',
      },
    });

    // When it is read
    const error = errorOfResponse(target, 403, body);

    // Then it is a remote failure to wait out, as is any exception the table does not name
    expect(error.code).toBe('remote');
    expect(codeOfFailure(403, 'DSQuotaExceededException')).toBe('remote');
    expect(codeOfFailure(403, 'PathAccessDeniedException')).toBe('permission');
    expect(codeOfFailure(403)).toBe('permission');
  });

  it('quotes the status and the start of a body that is not a RemoteException', () => {
    expect(parseRemoteException('<html>Not Found</html>')).toBeUndefined();
    const error = errorOfResponse(target, 502, 'Bad Gateway\nfrom proxy');
    expect(error.code).toBe('remote');
    expect(error.message).toBe(
      'WebHDFS CREATE /data/a.txt at http://127.0.0.1:19864 failed: HTTP 502 Bad Gateway',
    );
  });
});
