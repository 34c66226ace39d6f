import { create as contentDisposition } from 'content-disposition';
import type { FastifyReply } from 'fastify';

/** What is needed to send a stored document. */
export interface StoredFile {
  content: Buffer;
  mime_type: string;
  size: number;
  file_name: string;
  sha256: string;
}

const ASCII: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss' };
/** The file name for clients that do not read `filename*`: German umlauts spelt out, anything else non-ASCII dropped. */
const asciiName = (name: string): string => name.replace(/[äöüÄÖÜß]/g, (c) => ASCII[c]!).replace(/[^\x20-\x7e]/g, '_');

/**
 * Sends an issued document: its SHA-256 as the ETag (304 when the client holds it), the length, and
 * a Content-Disposition that names the file (`inline` to show it, `attachment` to download it).
 * Used by the API's document routes and OParl's public File bytes alike.
 */
export function sendPdf(reply: FastifyReply, file: StoredFile, type: 'inline' | 'attachment', ifNoneMatch: string | undefined, headers: Record<string, string> = {}): void {
  const etag = `"${file.sha256}"`;
  void reply.headers({ ...headers, ETag: etag });
  if (ifNoneMatch?.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
    void reply.code(304).send();
    return;
  }
  void reply
    .code(200)
    .headers({ 'Content-Type': file.mime_type, 'Content-Length': String(file.size), 'Content-Disposition': contentDisposition(file.file_name, { type, fallback: asciiName(file.file_name) }) })
    .send(file.content);
}
