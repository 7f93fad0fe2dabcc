import { execFile } from 'node:child_process';
import type { LocalizedMessage } from './media-types.js';

/** What processVideo needs from ffmpeg: the H.264 and AAC encoders (Debian's package has both). */
const REQUIRED_ENCODERS = ['libx264', 'aac'] as const;

/** How long the start-up check may take per ffmpeg run. */
const CHECK_TIMEOUT_MS = 10_000;

export type FfmpegStatus =
  | { available: true; command: string; version: string }
  | { available: false; command: string; reason: LocalizedMessage };

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      ['-hide_banner', ...args],
      { timeout: CHECK_TIMEOUT_MS, killSignal: 'SIGKILL', maxBuffer: 4 * 1024 * 1024, windowsHide: true },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    );
  });
}

const missing = (command: string, reason: LocalizedMessage): FfmpegStatus => ({
  available: false,
  command,
  reason,
});

async function check(command: string): Promise<FfmpegStatus> {
  let version: string;
  let encoders: string;
  try {
    [version, encoders] = await Promise.all([run(command, ['-version']), run(command, ['-encoders'])]);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT')
      return missing(command, {
        id: `ffmpeg tidak terpasang: "${command}" tidak ditemukan`,
        en: `ffmpeg is not installed: "${command}" was not found`,
      });
    return missing(command, {
      id: `"${command}" tidak dapat dijalankan sebagai ffmpeg (${String(code ?? (error as Error).message)})`,
      en: `"${command}" cannot be run as ffmpeg (${String(code ?? (error as Error).message)})`,
    });
  }
  const name = /^ffmpeg version (\S+)/m.exec(version);
  if (!name)
    return missing(command, {
      id: `"${command}" bukan ffmpeg`,
      en: `"${command}" is not ffmpeg`,
    });
  // `-encoders` lists one per line: six flag characters (V/A/S first), the name, a description.
  const lacking = REQUIRED_ENCODERS.filter(
    (e) => !new RegExp(`^\\s*[VAS][A-Z.]{5}\\s+${e}\\s`, 'm').test(encoders),
  );
  if (lacking.length > 0)
    return missing(command, {
      id: `ffmpeg ${name[1]} di "${command}" tidak punya encoder ${lacking.join(', ')}`,
      en: `ffmpeg ${name[1]} at "${command}" lacks the ${lacking.join(', ')} encoder(s)`,
    });
  return { available: true, command, version: name[1]! };
}

const checked = new Map<string, Promise<FfmpegStatus>>();

/**
 * Whether `command` (a path, or a name looked up on PATH) is an ffmpeg able to make the videos Sigap publishes:
 * it runs, says it is ffmpeg, and has the H.264 and AAC encoders. Checked once per command and process; a
 * server whose ffmpeg is installed after start notices after a restart.
 */
export function checkFfmpeg(command: string): Promise<FfmpegStatus> {
  let status = checked.get(command);
  if (!status) {
    status = check(command);
    checked.set(command, status);
  }
  return status;
}
