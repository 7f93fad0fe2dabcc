import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** `sigap` from the TypeScript sources: the tests never run the build in dist/. */
export const CLI = fileURLToPath(new URL('./sigap-from-source.js', import.meta.url));

export interface CliServer {
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output: () => string;
}

/** `sigap start` as a child process, as a user runs it. */
export function startCli(env: NodeJS.ProcessEnv): CliServer {
  const child = spawn(process.execPath, [CLI, 'start'], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  return { child, output: () => output };
}

export const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code)),
  );

/** Healthy and every process listening: the primary prints its banner only then. */
export async function untilReady(port: number, server: CliServer, tries = 1200): Promise<void> {
  for (let i = 0; i < tries && server.child.exitCode === null; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok && /is running at/.test(server.output())) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the server did not become ready:\n${server.output()}`);
}

export const randomPort = () => 20000 + Math.floor(Math.random() * 20000);

/** `sigap user create` against a database, as an operator runs it. */
export function createUserWithCli(
  env: NodeJS.ProcessEnv,
  username: string,
  role: string,
  unit: string,
  password: string,
): Promise<number | null> {
  const child = spawn(
    process.execPath,
    [CLI, 'user', 'create', '--username', username, '--password', password, '--role', role, '--unit', unit],
    { env: { ...process.env, LOG_LEVEL: 'warn', ...env } },
  );
  return exited(child);
}
