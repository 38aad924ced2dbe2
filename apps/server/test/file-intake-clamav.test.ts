import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanFile, ScannerUnavailable } from '../src/platform/files/clamav.js';
import { sniffFile } from '../src/platform/files/file-types.js';
import { EICAR, fakeClamd, SAMPLES, zip } from './file-intake-support.js';

// The clamd client and the recogniser on their own, without the HTTP application.

describe('clamd client', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clamav-client-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const fileOf = (name: string, content: string | Buffer) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  };

  it('streams a file in chunks over a unix socket and reads OK or FOUND', async () => {
    const clamd = await fakeClamd();
    try {
      const big = Buffer.alloc(300_000, 0x61);
      expect(await scanFile(clamd.socket, fileOf('clean.bin', big))).toEqual({ infected: false });
      expect(clamd.scanned.at(-1)?.equals(big)).toBe(true);
      expect(await scanFile(clamd.socket, fileOf('eicar.com', EICAR))).toEqual({
        infected: true,
        finding: 'Eicar-Test-Signature',
      });
    } finally {
      await clamd.close();
    }
  });

  /** A clamd on TCP answering `reply` once the stream has ended (or at once, when `early`). */
  async function tcpClamd(reply: string, early = false) {
    const server = net.createServer((connection) => {
      let received = Buffer.alloc(0);
      if (early) connection.end(reply);
      connection.on('data', (data) => {
        received = Buffer.concat([received, data]);
        // The stream ends with a zero length after the command (a small file: one chunk).
        if (!early && received.subarray(-4).equals(Buffer.alloc(4))) connection.end(reply);
      });
      connection.on('error', () => {});
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return { address: `tcp://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) };
  }

  it('speaks to clamd over tcp://host:port', async () => {
    const clamd = await tcpClamd('stream: Win.Test.EICAR_HDB-1 FOUND\0');
    try {
      expect(await scanFile(clamd.address, fileOf('x.pdf', '%PDF-'))).toEqual({
        infected: true,
        finding: 'Win.Test.EICAR_HDB-1',
      });
    } finally {
      await clamd.close();
    }
  });

  it('fails closed: an error reply, no clamd, or silence is ScannerUnavailable', async () => {
    const limited = await tcpClamd('INSTREAM size limit exceeded. ERROR\0', true);
    try {
      await expect(
        scanFile(limited.address, fileOf('big.pdf', Buffer.alloc(200_000))),
      ).rejects.toBeInstanceOf(ScannerUnavailable);
    } finally {
      void limited.close();
    }
    await expect(scanFile(path.join(dir, 'none.sock'), fileOf('a.pdf', '%PDF-'))).rejects.toBeInstanceOf(
      ScannerUnavailable,
    );
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      await expect(scanFile(`tcp://127.0.0.1:${port}`, fileOf('b.pdf', '%PDF-'), 300)).rejects.toBeInstanceOf(
        ScannerUnavailable,
      );
    } finally {
      silent.close();
    }
  });
});

describe('recognising a file by content', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sniff-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const sniff = (content: Buffer) => {
    const file = path.join(dir, `f-${Math.random()}`);
    fs.writeFileSync(file, content);
    return sniffFile(file);
  };

  it('reads a ZIP from its central directory only, and refuses a broken one', async () => {
    expect(await sniff(SAMPLES.docx)).toBe('docx');
    expect(await sniff(SAMPLES.odt)).toBe('odt');
    // An entry claiming to inflate to 4 ГБ changes nothing: no entry is inflated.
    const bomb = Buffer.from(SAMPLES.docx);
    const cd = bomb.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bomb.writeUInt32LE(0xfffffffe, cd + 24);
    expect(await sniff(bomb)).toBe('docx');
    // A central directory pointing past the end of the file: not a ZIP.
    const broken = Buffer.from(SAMPLES.docx);
    broken.writeUInt32LE(broken.length + 10, broken.length - 6);
    expect(await sniff(broken)).toBeNull();
    // Local header only, no directory at all.
    expect(await sniff(zip([['a', 'b']]).subarray(0, 40))).toBeNull();
  });

  it('takes an ODT only with its exact mimetype', async () => {
    expect(await sniff(zip([['mimetype', 'application/vnd.oasis.opendocument.spreadsheet']]))).toBeNull();
    expect(await sniff(zip([['mimetype', 'application/vnd.oasis.opendocument.texx']]))).toBeNull();
  });
});
