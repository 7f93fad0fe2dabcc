// Types of build.mjs, for the TypeScript that imports it (the build's test).

export interface SourceState {
  /** One hash over every source file, the build configuration, build.mjs and the compiler's version. */
  digest: string;
  /** Each file under src/ (path with `/`) → sha256 of its content. */
  files: Record<string, string>;
}

/** A build that cannot be done or failed; the message is for people, Indonesian first. */
export class BuildError extends Error {}

export function sourceState(serverDir?: string, typescript?: string | null): SourceState;
export function isBuildCurrent(serverDir?: string): boolean;
export function ensureBuilt(options?: { serverDir?: string; force?: boolean }): Promise<boolean>;
export function main(argv?: string[]): Promise<void>;
