import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, verify } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A browser's side of a subscription: the keys only the browser holds, to read what was pushed to it. */
export interface FakeBrowser {
  subscription: { endpoint: string; expirationTime: null; keys: { p256dh: string; auth: string } };
  /** Decrypts an aes128gcm body (RFC 8188 + RFC 8291) with the browser's private key, written from the RFCs. */
  decrypt(body: Buffer): string;
}

export interface PushDelivery {
  path: string;
  ttl: number;
  /** the JWT's claims, after its ES256 signature was checked against the key the header names */
  claims: { aud: string; exp: number; sub: string };
  vapidKey: string;
  payload: string;
}

const b64u = (data: Buffer) => data.toString('base64url');

/** RFC 8291 §3.4 and RFC 8188 §2: one record, its padding delimiter 0x02 (the last record). */
function decryptAes128gcm(body: Buffer, browserKeys: ReturnType<typeof createECDH>, auth: Buffer): string {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body[20]!;
  const serverPublic = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  if (ciphertext.length > recordSize) throw new Error('more than one record');
  const browserPublic = browserKeys.getPublicKey();
  const shared = browserKeys.computeSecret(serverPublic);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), browserPublic, serverPublic]);
  const ikm = Buffer.from(hkdfSync('sha256', shared, auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const plain = Buffer.concat([
    decipher.update(ciphertext.subarray(0, ciphertext.length - 16)),
    decipher.final(),
  ]);
  let end = plain.length - 1;
  while (end >= 0 && plain[end] === 0) end--;
  if (plain[end] !== 2) throw new Error('no last-record delimiter');
  return plain.subarray(0, end).toString('utf8');
}

/** Checks `Authorization: vapid t=<JWT>, k=<key>` (RFC 8292): the signature, audience and expiry. */
function checkVapid(header: string | undefined, origin: string, now: number) {
  const match = /^vapid t=([A-Za-z0-9_.-]+), k=([A-Za-z0-9_-]+)$/.exec(header ?? '');
  if (!match) throw new Error(`bad Authorization header: ${header}`);
  const [, jwt, key] = match as unknown as [string, string, string];
  const [head, claims, signature] = jwt.split('.') as [string, string, string];
  const header64 = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as { alg: string };
  if (header64.alg !== 'ES256') throw new Error(`JWT alg ${header64.alg}`);
  const raw = Buffer.from(key, 'base64url');
  if (raw.length !== 65 || raw[0] !== 4) throw new Error('k is not an uncompressed P-256 key');
  const publicKey = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: b64u(raw.subarray(1, 33)), y: b64u(raw.subarray(33)) },
    format: 'jwk',
  });
  const signed = verify(
    'sha256',
    Buffer.from(`${head}.${claims}`),
    { key: publicKey, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  if (!signed) throw new Error('JWT signature does not verify with k');
  const parsed = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as PushDelivery['claims'];
  if (parsed.aud !== origin) throw new Error(`aud ${parsed.aud} is not ${origin}`);
  if (!(parsed.exp > now / 1000 && parsed.exp <= now / 1000 + 24 * 3600)) throw new Error('exp out of range');
  if (!/^(mailto:|https:)/.test(parsed.sub)) throw new Error(`sub ${parsed.sub}`);
  return { claims: parsed, vapidKey: key };
}

/**
 * A local push service speaking RFC 8030 as browsers' push services do: it takes a POST per subscription path,
 * checks VAPID (RFC 8292), TTL and aes128gcm, decrypts with the browser's key and records what it read. A path
 * can be told to answer another status (410 Gone: the browser unsubscribed). Anything else it is sent is an error.
 */
export async function fakePushService() {
  const deliveries: PushDelivery[] = [];
  const problems: string[] = [];
  /** every request's method and path, answered or not */
  const requests: string[] = [];
  const answers = new Map<string, number>();
  const browsers = new Map<string, FakeBrowser>();
  let origin = '';
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        const path = req.url ?? '';
        requests.push(`${req.method} ${path}`);
        const browser = browsers.get(path);
        if (req.method !== 'POST' || !browser) throw new Error(`unexpected ${req.method} ${path}`);
        const answer = answers.get(path);
        if (answer) return void res.writeHead(answer).end();
        const { claims, vapidKey } = checkVapid(req.headers.authorization, origin, Date.now());
        const ttl = Number(req.headers.ttl);
        if (!Number.isInteger(ttl) || ttl < 0) throw new Error(`TTL ${req.headers.ttl}`);
        if (req.headers['content-encoding'] !== 'aes128gcm')
          throw new Error(`Content-Encoding ${req.headers['content-encoding']}`);
        const payload = browser.decrypt(Buffer.concat(chunks));
        deliveries.push({ path, ttl, claims, vapidKey, payload });
        res.writeHead(201, { location: `${path}/message/${deliveries.length}` }).end();
      } catch (error) {
        problems.push((error as Error).message);
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let serial = 0;
  return {
    origin,
    deliveries,
    problems,
    requests,
    /** A new browser subscription on this service, with keys made here (ECDH P-256 and a 16-byte secret). */
    browser(): FakeBrowser {
      const path = `/push/v1/${++serial}-${randomBytes(6).toString('hex')}`;
      const keys = createECDH('prime256v1');
      keys.generateKeys();
      const auth = randomBytes(16);
      const browser: FakeBrowser = {
        subscription: {
          endpoint: `${origin}${path}`,
          expirationTime: null,
          keys: { p256dh: b64u(keys.getPublicKey()), auth: b64u(auth) },
        },
        decrypt: (body) => decryptAes128gcm(body, keys, auth),
      };
      browsers.set(path, browser);
      return browser;
    },
    /** Every later push to this browser is answered with `status` (410: gone). */
    answer(browser: FakeBrowser, status: number) {
      answers.set(new URL(browser.subscription.endpoint).pathname, status);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
