import type { FastifyReply } from 'fastify';

/** `attachment` with the name in UTF-8 (RFC 6266) and an ASCII fallback for old clients. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Sends a file to be saved (never shown inline, never sniffed as another type). */
export function sendAttachment(
  reply: FastifyReply,
  fileName: string,
  mediaType: string,
  data: Uint8Array,
): FastifyReply {
  return reply
    .type(mediaType)
    .header('content-disposition', contentDisposition(fileName))
    .header('x-content-type-options', 'nosniff')
    .send(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
}
