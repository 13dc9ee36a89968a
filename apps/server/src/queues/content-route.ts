import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SecretMaskingStream, secretBytes } from '../secrets/secret-bytes.js';
import express, { type Router } from 'express';
import { maskText, secretValues } from '../api/secrets.js';
import type { FlowWorkspace } from '../flows/flow-workspace.js';
import { parseRange } from './byte-range.js';
import { findQueuedFlowFile, QueueLookupError, stillQueued } from './queued-flowfiles.js';

/** Where a queued flowfile's content is downloaded from. */
export const QUEUED_CONTENT_PATH =
  '/api/flows/:flowId/connections/:connectionId/flowfiles/:flowFileId/content';

/**
 * `GET /api/flows/:flowId/connections/:connectionId/flowfiles/:flowFileId/content`: a queued
 * flowfile's content as a download named after its `filename` attribute, with its `mime.type`,
 * streamed (a 1 GB content never sits in memory) and served by range (`Range: bytes=…`, 206).
 * The bytes are the flowfile's own; the file name is masked like every answer, in case a secret
 * found its way into an attribute.
 */
export function queuedContentRoutes(workspace: FlowWorkspace): Router {
  const routes = express.Router();
  routes.get(QUEUED_CONTENT_PATH, async (req, res, next) => {
    const { flowId, connectionId, flowFileId } = req.params;
    const engine = workspace.get(flowId);
    if (!engine) {
      res.status(404).json({ error: `No flow with id '${flowId}'` });
      return;
    }
    try {
      const { flowFile } = await findQueuedFlowFile(engine, connectionId, flowFileId);
      const size = flowFile.size;
      const range = parseRange(req.headers.range, size);
      if (range === 'unsatisfiable') {
        res
          .status(416)
          .setHeader('Content-Range', `bytes */${size}`)
          .json({
            error: `Range '${req.headers.range}' is outside the content's ${size} bytes`,
          });
        return;
      }
      const { start, end } = range ?? { start: 0, end: size };
      const filename = maskText(
        flowFile.attributes['filename'] || flowFile.id,
        secretValues(workspace),
      );
      res.status(range ? 206 : 200);
      res.setHeader('Accept-Ranges', 'bytes');
      res.setHeader('Content-Type', mimeTypeOf(flowFile.attributes['mime.type']));
      res.setHeader('Content-Length', String(end - start));
      res.setHeader('Content-Disposition', attachment(filename));
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      if (range) res.setHeader('Content-Range', `bytes ${start}-${end - 1}/${size}`);
      if (req.method === 'HEAD' || end === start) {
        res.end();
        return;
      }
      // The first chunk is read before anything is sent: content deleted because the flowfile
      // just left the queue is then still a 404 a person can act on, not a cut-off download.
      const chunks = engine.readContentRange(flowFile, start, end)[Symbol.asyncIterator]();
      let first: IteratorResult<Buffer>;
      try {
        first = await chunks.next();
      } catch (error) {
        await stillQueued(engine, connectionId, flowFileId);
        throw error;
      }
      async function* rest(): AsyncGenerator<Buffer> {
        if (!first.done) yield first.value;
        for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
          yield next.value;
        }
      }
      // Secrets a processor wrote into content are masked byte for byte (the length stays).
      const masked = secretBytes(secretValues(workspace));
      const source = Readable.from(rest());
      // Once bytes are sent, a failure can only cut the response short (pipeline destroys it).
      const sent =
        masked.length > 0
          ? pipeline(source, new SecretMaskingStream(masked), res)
          : pipeline(source, res);
      await sent.catch((error: unknown) => {
        console.error(`Download of flowfile ${flowFileId} was cut short:`, error);
      });
    } catch (error) {
      if (error instanceof QueueLookupError) {
        res.status(404).json({ error: error.message });
        return;
      }
      next(error);
    }
  });
  return routes;
}

/** The attribute's mime type when it looks like one; anything else downloads as bytes. */
function mimeTypeOf(value: string | undefined): string {
  return value !== undefined && /^[\w.+-]+\/[\w.+-]+$/.test(value)
    ? value
    : 'application/octet-stream';
}

/**
 * `attachment` with the file name twice (RFC 6266): a plain ASCII one for old clients and the
 * exact one, percent-encoded. Path parts are dropped, so a name cannot point outside the
 * download folder.
 */
export function attachment(filename: string): string {
  const base =
    filename
      .split(/[/\\]/)
      .filter((part) => part !== '')
      .pop() ?? 'content';
  const ascii = base.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(base).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
