import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';

// File layout: MAGIC ‖ salt ‖ iv ‖ AES-256-GCM ciphertext ‖ tag. The key is scrypt(passphrase, salt).
const MAGIC = Buffer.from('SIGAP-BACKUP-AES256GCM-1\n');
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + SALT_BYTES + IV_BYTES;
// scrypt cost: about 0.1 s and 32 MB once per backup or restore; a guessed passphrase costs the same.
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

export class BackupPassphraseError extends Error {
  constructor() {
    super('wrong passphrase, or the encrypted backup was damaged or altered');
    this.name = 'BackupPassphraseError';
  }
}

function keyOf(passphrase: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(passphrase, salt, 32, SCRYPT, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** A stream that encrypts what is written to it into the layout above (the tag comes last). */
export async function encryptingStream(passphrase: string): Promise<Transform> {
  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', await keyOf(passphrase, salt), iv);
  let headerSent = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (!headerSent) {
        this.push(Buffer.concat([MAGIC, salt, iv]));
        headerSent = true;
      }
      done(null, cipher.update(chunk));
    },
    flush(done) {
      if (!headerSent) this.push(Buffer.concat([MAGIC, salt, iv]));
      this.push(cipher.final());
      done(null, cipher.getAuthTag());
    },
  });
}

/** Whether a file starts like an encrypted backup. */
export async function isEncryptedBackup(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(MAGIC.length);
    const { bytesRead } = await handle.read(head, 0, MAGIC.length, 0);
    return bytesRead === MAGIC.length && head.equals(MAGIC);
  } finally {
    await handle.close();
  }
}

interface Sealed {
  key: Buffer;
  iv: Buffer;
  tag: Buffer;
  size: number;
}

async function readSealed(file: string, passphrase: string): Promise<Sealed> {
  const handle = await open(file, 'r');
  try {
    const size = (await handle.stat()).size;
    if (size < HEADER_BYTES + TAG_BYTES) throw new BackupPassphraseError();
    const header = Buffer.alloc(HEADER_BYTES);
    await handle.read(header, 0, HEADER_BYTES, 0);
    const tag = Buffer.alloc(TAG_BYTES);
    await handle.read(tag, 0, TAG_BYTES, size - TAG_BYTES);
    const salt = header.subarray(MAGIC.length, MAGIC.length + SALT_BYTES);
    return { key: await keyOf(passphrase, salt), iv: header.subarray(MAGIC.length + SALT_BYTES), tag, size };
  } finally {
    await handle.close();
  }
}

function plaintextOf(file: string, sealed: Sealed): Readable {
  const decipher = createDecipheriv('aes-256-gcm', sealed.key, sealed.iv);
  decipher.setAuthTag(sealed.tag);
  const plaintext = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, decipher.update(chunk));
    },
    flush(done) {
      try {
        done(null, decipher.final());
      } catch {
        done(new BackupPassphraseError());
      }
    },
  });
  if (sealed.size - TAG_BYTES === HEADER_BYTES) return Readable.from([]).pipe(plaintext);
  const body = createReadStream(file, { start: HEADER_BYTES, end: sealed.size - TAG_BYTES - 1 });
  body.on('error', (error) => plaintext.destroy(error));
  return body.pipe(plaintext);
}

/**
 * The plaintext of an encrypted backup, as a stream. The whole file is checked first (GCM's tag, read through
 * once without keeping anything): a wrong passphrase or a changed byte is a BackupPassphraseError before any of
 * it is parsed.
 */
export async function decryptingStream(file: string, passphrase: string): Promise<Readable> {
  const sealed = await readSealed(file, passphrase);
  for await (const _chunk of plaintextOf(file, sealed)) {
    // read to the end only to check the tag
  }
  return plaintextOf(file, sealed);
}
