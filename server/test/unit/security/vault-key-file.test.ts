import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeFailure } from '../../../src/cli/messages.js';
import { configFromEnv } from '../../../src/config.js';
import { Vault, VaultKeyFileError } from '../../../src/security/vault.js';

describe('the vault key kept apart from the data', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sigap-key-'));
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  it('is read from SIGAP_VAULT_KEY_FILE, and no key is written into the data folder', async () => {
    const key = randomBytes(32);
    const keyFile = path.join(dir, 'kunci.b64');
    await fs.writeFile(keyFile, `${key.toString('base64')}\n`, { mode: 0o600 });
    const dataDir = path.join(dir, 'data');
    const vault = await Vault.open({ base64Key: null, keyFile, dataDir });
    expect(vault.where).toBe('key_file');
    expect(vault.keyId).toBe(Vault.fromKey(key).keyId);
    await expect(fs.stat(path.join(dataDir, 'vault.key'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('a missing key file stops the start with a bilingual message instead of making a new key', async () => {
    const keyFile = path.join(dir, 'tidak-ada.b64');
    const opened = Vault.open({ base64Key: null, keyFile, dataDir: path.join(dir, 'data2') });
    await expect(opened).rejects.toBeInstanceOf(VaultKeyFileError);
    const failure = describeFailure(await opened.catch((error: unknown) => error));
    expect(failure.message).toContain('tidak dapat dibaca');
    expect(failure.message).toContain('cannot be read (ENOENT)');
  });

  it('without either, the key is made once in the data folder, and says where it lies', async () => {
    const dataDir = path.join(dir, 'data3');
    const first = await Vault.open({ base64Key: null, dataDir });
    const second = await Vault.open({ base64Key: null, dataDir });
    expect([first.where, second.keyId]).toEqual(['data_folder', first.keyId]);
  });

  it('a relative SIGAP_VAULT_KEY_FILE is taken from where the command was run', () => {
    const config = configFromEnv({ SIGAP_VAULT_KEY_FILE: 'rahasia/kunci.b64', INIT_CWD: '/srv/sigap' });
    expect(config.vaultKeyFile).toBe('/srv/sigap/rahasia/kunci.b64');
  });
});
