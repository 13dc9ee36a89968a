import type { Readable, Transform } from 'node:stream';
import { eventContent, type ContentSide } from '@sluice/engine';
import type { Request, RequestHandler, Response } from 'express';
import { maskText, secretValues } from '../api/secrets.js';
import type { FlowWorkspace } from '../flows/flow-workspace.js';
import { SecretMaskingStream, secretBytes } from '../secrets/secret-bytes.js';

/** Where the route is mounted: the content before or after one provenance event of a flow. */
export const PROVENANCE_CONTENT_PATH = '/api/flows/:flowId/provenance/:eventId/content';

/** A content type safe to name in a download: `type/subtype`, no parameters tricks. */
const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i;

function refuse(res: Response, status: number, error: string): void {
  res.status(status).json({ error });
}

function sideOf(value: unknown): ContentSide | undefined {
  if (value === undefined) return 'output';
  return value === 'input' || value === 'output' ? value : undefined;
}

/**
 * `GET /api/flows/:flowId/provenance/:eventId/content?side=input|output` (default output): the
 * whole content as a download, streamed, with secrets masked byte for byte (the length stays).
 * Always an attachment, so content is never rendered as a page of this origin. Answers 404 with
 * "content no longer available" once the content repository has deleted the claim.
 */
export function provenanceContentRoute(workspace: FlowWorkspace): RequestHandler {
  return async (req: Request, res: Response) => {
    const flowId = String(req.params['flowId']);
    const engine = workspace.get(flowId);
    if (!engine) return refuse(res, 404, `No flow with id '${flowId}'`);
    const eventText = String(req.params['eventId']);
    const eventId = /^\d{1,15}$/.test(eventText) ? Number(eventText) : NaN;
    if (!(eventId >= 1)) {
      return refuse(res, 400, `'${eventText}' is not a provenance event id (a positive integer)`);
    }
    const side = sideOf(req.query['side']);
    if (side === undefined) return refuse(res, 400, "side must be 'input' or 'output'");
    const event = await engine.provenance.event(eventId);
    if (event === undefined) {
      return refuse(
        res,
        404,
        `No provenance event ${eventId} in flow '${engine.document.flow.name}'`,
      );
    }
    const content = eventContent(event, side);
    if (content.kind === 'none') {
      return refuse(
        res,
        404,
        `Provenance event ${eventId} (${event.type}) records no ${side} content`,
      );
    }
    const gone = `The ${side} content of provenance event ${eventId} is no longer available: the content repository has deleted it`;
    if (content.kind === 'claim' && !engine.content.holds(content.claim)) {
      return refuse(res, 404, gone);
    }
    const mime = event.attributes['mime.type'];
    res.type(mime !== undefined && MIME_TYPE.test(mime) ? mime : 'application/octet-stream');
    const secrets = secretValues(workspace);
    res.attachment(maskText(downloadName(event.attributes['filename'], eventId, side), secrets));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    if (content.kind === 'empty') {
      res.setHeader('Content-Length', '0');
      res.end();
      return;
    }
    res.setHeader('Content-Length', String(content.claim.length));
    try {
      // The repository's streams are Node Readables (typed as the narrower ContentStream).
      const source = engine.content.read(content.claim) as Readable;
      const masked = secretBytes(secrets);
      await send(res, source, masked.length > 0 ? new SecretMaskingStream(masked) : undefined);
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.removeHeader('Content-Disposition');
      res.removeHeader('Content-Length');
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return refuse(res, 404, gone);
      throw error;
    }
  };
}

/**
 * Streams `source` (through `transform`) into the response. Unlike `pipeline`, a failure does not
 * destroy the response, so a claim deleted before the first byte still gets a JSON 404; a client
 * that goes away stops the read.
 */
function send(res: Response, source: Readable, transform?: Transform): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const fail = (error: Error): void => {
      source.unpipe();
      transform?.unpipe();
      source.destroy();
      transform?.destroy();
      reject(error);
    };
    source.once('error', fail);
    transform?.once('error', fail);
    res.once('finish', () => resolve());
    res.once('close', () => {
      source.destroy();
      resolve();
    });
    if (transform === undefined) source.pipe(res);
    else source.pipe(transform).pipe(res);
  });
}

/** The name a download is saved as: the flowfile's filename, else one made of the event. */
function downloadName(filename: string | undefined, eventId: number, side: ContentSide): string {
  // The last path segment only, without control characters.
  const segment = filename?.split(/[\\/]/).pop();
  const base = segment === undefined ? undefined : [...segment].filter(printable).join('');
  return base !== undefined && base !== '' && base !== '.' && base !== '..'
    ? base
    : `provenance-${eventId}-${side}.bin`;
}

function printable(char: string): boolean {
  const code = char.codePointAt(0)!;
  return code >= 0x20 && code !== 0x7f;
}
