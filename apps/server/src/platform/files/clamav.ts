import { createReadStream } from 'node:fs';
import net from 'node:net';

export type ScanResult = { infected: false } | { infected: true; finding: string };

/** clamd could not be asked, or did not answer as it should: the upload is refused (fail closed). */
export class ScannerUnavailable extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'ScannerUnavailable';
  }
}

/** `tcp://host:port` or a unix socket path (CLAMAV_SOCKET). */
function connectOptions(address: string): net.NetConnectOpts {
  const tcp = /^tcp:\/\/\[?([^\]]+?)\]?:(\d+)$/.exec(address);
  if (tcp) return { host: tcp[1] ?? '', port: Number(tcp[2]) };
  return { path: address };
}

const CHUNK = 64 * 1024;

/**
 * Sends the file to clamd with INSTREAM (`zINSTREAM\0`, then chunks each prefixed by its length as
 * 4 bytes big-endian, then a zero length) and reads its one reply: `stream: OK` or
 * `stream: <name> FOUND`. Anything else — an error reply such as a size limit of clamd
 * (StreamMaxLength), a refused connection, silence past `timeoutMs` — is ScannerUnavailable.
 */
export async function scanFile(address: string, file: string, timeoutMs = 60_000): Promise<ScanResult> {
  const socket = net.connect(connectOptions(address));
  socket.setTimeout(timeoutMs);
  const reply: Buffer[] = [];
  const done = new Promise<string>((resolve, reject) => {
    socket.on('data', (data) => reply.push(data));
    socket.on('end', () => resolve(Buffer.concat(reply).toString('utf8')));
    socket.on('timeout', () => {
      socket.destroy();
      reject(new ScannerUnavailable(`clamd ${address}: no answer in ${timeoutMs} ms`));
    });
    socket.on('error', (error) => reject(new ScannerUnavailable(`clamd ${address}: ${error.message}`)));
    socket.on('close', () => resolve(Buffer.concat(reply).toString('utf8')));
  });
  // The rejection is read by the await below; a failed write must not leave it unhandled meanwhile.
  done.catch(() => {});
  const write = (data: Buffer) =>
    new Promise<void>((resolve, reject) => {
      if (socket.destroyed) return reject(new ScannerUnavailable(`clamd ${address}: connection closed`));
      socket.write(data, (error) =>
        error ? reject(new ScannerUnavailable(`clamd ${address}: ${error.message}`)) : resolve(),
      );
    });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', (error) => reject(new ScannerUnavailable(`clamd ${address}: ${error.message}`)));
    });
    await write(Buffer.from('zINSTREAM\0', 'latin1'));
    for await (const chunk of createReadStream(file, { highWaterMark: CHUNK })) {
      const data = chunk as Buffer;
      const length = Buffer.alloc(4);
      length.writeUInt32BE(data.length);
      await write(Buffer.concat([length, data]));
    }
    await write(Buffer.alloc(4));
  } catch (error) {
    socket.destroy();
    // clamd may have answered (a size limit) and closed while the file was still being sent.
    const early = Buffer.concat(reply).toString('utf8');
    if (early) return parseReply(address, early);
    throw error instanceof ScannerUnavailable ? error : new ScannerUnavailable(String(error));
  }
  const text = await done;
  socket.destroy();
  return parseReply(address, text);
}

function parseReply(address: string, raw: string): ScanResult {
  const text = raw.replace(/\0/g, '').trim();
  if (text === 'stream: OK') return { infected: false };
  const found = /^stream: (.+) FOUND$/.exec(text);
  if (found?.[1]) return { infected: true, finding: found[1] };
  throw new ScannerUnavailable(`clamd ${address}: unexpected reply «${text.slice(0, 200)}»`);
}
