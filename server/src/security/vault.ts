import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export interface ReporterIdentity {
  name?: string | null;
  phone?: string | null;
  email?: string | null;
  nik?: string | null;
}

/**
 * A sealed identity does not open with this server's key: the data came from another installation, or the key
 * (SIGAP_VAULT_KEY or <data>/vault.key) was lost or replaced. Only the operator can fix it, by restoring the
 * key the identities were sealed with.
 */
export class VaultKeyError extends Error {
  constructor(readonly vaultKeyId: string) {
    super(
      `a sealed identity does not open with the vault key in use (key id ${vaultKeyId}); restore the key the ` +
        'identities were sealed with (SIGAP_VAULT_KEY, or vault.key in the data folder)',
    );
    this.name = 'VaultKeyError';
  }
}

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT_VERSION = 1;

/** SIGAP_VAULT_KEY_FILE names a file that cannot be read: the server must not start with a new key instead. */
export class VaultKeyFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(
      `Berkas kunci brankas ${file} tidak dapat dibaca (${reason}); periksa SIGAP_VAULT_KEY_FILE. / ` +
        `The vault key file ${file} cannot be read (${reason}); check SIGAP_VAULT_KEY_FILE.`,
    );
    this.name = 'VaultKeyFileError';
  }
}

/**
 * Seals reporter identities with AES-256-GCM (authenticated: a flipped bit fails to open). The sealed blob is
 * version ‖ iv ‖ tag ‖ ciphertext; the key id lets a later key rotation tell old blobs apart.
 */
export class Vault {
  readonly keyId: string;
  /** A separate secret for pseudonyms and other HMACs, derived so that it never equals the cipher key. */
  readonly pseudonymSecret: Buffer;
  /** The secret of sender keys (senderKeyOf), derived apart from the others. */
  private readonly senderSecret: Buffer;
  /** The secret of the audit trail's and the report histories' hash chains (security/chain-hash.ts). */
  readonly chainSecret: Buffer;
  /** The secret of the keys sign-in attempts are counted under (a name tried, a client's address). */
  readonly signInSecret: Buffer;
  /** The secret of Web Push endpoint keys (pushEndpointKeyOf), derived apart from the others. */
  private readonly pushSecret: Buffer;

  private constructor(private readonly key: Buffer) {
    this.keyId = createHash('sha256').update(key).digest('hex').slice(0, 12);
    this.pseudonymSecret = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'sigap-pseudonym', 32));
    this.senderSecret = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'sigap-sender', 32));
    this.chainSecret = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'sigap-chain', 32));
    this.signInSecret = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'sigap-sign-in', 32));
    this.pushSecret = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'sigap-push', 32));
  }

  static fromKey(key: Buffer): Vault {
    if (key.length !== KEY_BYTES) throw new Error(`the vault key must be ${KEY_BYTES} bytes`);
    return new Vault(key);
  }

  /**
   * Key from SIGAP_VAULT_KEY (base64), else from the file SIGAP_VAULT_KEY_FILE names (base64; it must exist: a key
   * meant to live apart from the data is never made up), else `<dataDir>/vault.key`, generated there once,
   * readable by the owner only. `where` says which, for the start-up warning.
   */
  static async open(options: {
    base64Key: string | null;
    keyFile?: string | null;
    dataDir: string;
  }): Promise<Vault & { where: 'environment' | 'key_file' | 'data_folder' }> {
    if (options.base64Key)
      return Object.assign(Vault.fromKey(Buffer.from(options.base64Key, 'base64')), {
        where: 'environment' as const,
      });
    if (options.keyFile) {
      const text = await fs.readFile(options.keyFile, 'utf8').catch((error: { code?: string }) => {
        throw new VaultKeyFileError(options.keyFile!, error.code ?? 'unreadable');
      });
      return Object.assign(Vault.fromKey(Buffer.from(text.trim(), 'base64')), { where: 'key_file' as const });
    }
    const file = path.join(options.dataDir, 'vault.key');
    try {
      const key = Buffer.from((await fs.readFile(file, 'utf8')).trim(), 'base64');
      return Object.assign(Vault.fromKey(key), { where: 'data_folder' as const });
    } catch (error) {
      if ((error as { code?: string }).code !== 'ENOENT') throw error;
    }
    await fs.mkdir(options.dataDir, { recursive: true, mode: 0o700 });
    const key = randomBytes(KEY_BYTES);
    await fs.writeFile(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    return Object.assign(Vault.fromKey(key), { where: 'data_folder' as const });
  }

  /**
   * The same sender, found again without their identity: HMAC-SHA256 of a normalised handle (see
   * domain/sender-handle.ts). Without the vault key it cannot be reversed or recomputed from a guessed number.
   */
  senderKeyOf(normalisedHandle: string): string {
    return createHmac('sha256', this.senderSecret).update(normalisedHandle).digest('hex');
  }

  /** A Web Push subscription found again without storing its endpoint URL: HMAC-SHA256 of the endpoint. */
  pushEndpointKeyOf(endpoint: string): string {
    return createHmac('sha256', this.pushSecret).update(endpoint).digest('hex');
  }

  seal(identity: ReporterIdentity): Buffer {
    return this.sealValue(identity);
  }

  open(sealed: Buffer): ReporterIdentity {
    return this.openValue(sealed) as ReporterIdentity;
  }

  /** Any JSON value, sealed like an identity (raw inbound payloads, first answers). */
  sealValue(value: unknown): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const plaintext = Buffer.from(JSON.stringify(value), 'utf8');
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([Buffer.from([FORMAT_VERSION]), iv, cipher.getAuthTag(), ciphertext]);
  }

  openValue(sealed: Buffer): unknown {
    if (sealed[0] !== FORMAT_VERSION) throw new Error('unknown sealed identity format');
    const iv = sealed.subarray(1, 1 + IV_BYTES);
    const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(tag);
    let plaintext: Buffer;
    try {
      plaintext = Buffer.concat([
        decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]);
    } catch {
      // GCM refuses a wrong key and a tampered blob alike
      throw new VaultKeyError(this.keyId);
    }
    return JSON.parse(plaintext.toString('utf8')) as unknown;
  }
}
