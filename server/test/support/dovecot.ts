import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

const DOVECOT = '/usr/sbin/dovecot';
export const HAS_DOVECOT = existsSync(DOVECOT);
if (!HAS_DOVECOT)
  console.warn(
    `IMAP tests skipped: ${DOVECOT} is missing (install it with: apt-get install -y dovecot-imapd) / ` +
      `tes IMAP dilewati: ${DOVECOT} tidak ada (pasang dengan: apt-get install -y dovecot-imapd)`,
  );

export interface Dovecot {
  port: number;
  user: string;
  password: string;
  /** stops the server (every connection drops) and starts it again on the same port with the same mail */
  restart(): Promise<void>;
  stop(): Promise<void>;
  /** the server's log, to show when a test fails */
  log(): string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Tries to connect until the port answers, or throws after `tries` tries (the server did not start). */
async function untilListening(port: number, tries = 100): Promise<void> {
  for (let i = 0; i < tries; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`dovecot did not listen on ${port}`);
}

/** The uid and gid the server runs as: this user, or (when the tests run as root) Debian's `dovecot` user. */
function account(): { uid: number; gid: number; name: string; group: string } {
  const me = userInfo();
  if (me.uid !== 0) {
    const group = execFileSync('id', ['-gn'], { encoding: 'utf8' }).trim();
    return { uid: me.uid, gid: me.gid, name: me.username, group };
  }
  const uid = Number(execFileSync('id', ['-u', 'dovecot'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'dovecot'], { encoding: 'utf8' }).trim());
  return {
    uid,
    gid,
    name: 'dovecot',
    group: execFileSync('id', ['-gn', 'dovecot'], { encoding: 'utf8' }).trim(),
  };
}

/**
 * A real IMAP server (Debian's Dovecot) on 127.0.0.1, run unprivileged from a generated configuration in a
 * temporary folder: passwd-file authentication, plain IMAP without TLS (loopback only), a maildir in the folder.
 */
export async function startDovecot(): Promise<Dovecot> {
  const dir = mkdtempSync(join(tmpdir(), 'sigap-dovecot-'));
  const port = await freePort();
  const who = account();
  const user = 'lapor';
  const password = 'kata-sandi-imap-uji';
  writeFileSync(join(dir, 'users'), `${user}:{PLAIN}${password}\n`);
  writeFileSync(
    join(dir, 'dovecot.conf'),
    `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${who.name}
default_internal_group = ${who.group}
default_login_user = ${who.name}
first_valid_uid = ${who.uid}
first_valid_gid = ${who.gid}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=${who.uid} gid=${who.gid} home=${dir}/home/%u
}
mail_location = maildir:~/Maildir
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
protocol imap {
  # the tests open many connections at once (the default allows 10 per user and address)
  mail_max_userip_connections = 100
}
`,
  );
  // run as root, the server runs as Debian's dovecot user, which must own its folder
  if (userInfo().uid === 0) execFileSync('chown', ['-R', `${who.uid}:${who.gid}`, dir]);

  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn(DOVECOT, ['-F', '-c', join(dir, 'dovecot.conf')], {
      stdio: 'ignore',
      ...(userInfo().uid === 0 ? { uid: who.uid, gid: who.gid } : {}),
    });
    await untilListening(port);
  };
  const stop = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGTERM');
    });
  };
  await start();
  return {
    port,
    user,
    password,
    restart: async () => {
      await stop();
      await start();
    },
    async stop() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
    log: () => (existsSync(join(dir, 'dovecot.log')) ? readFileSync(join(dir, 'dovecot.log'), 'utf8') : ''),
  };
}
