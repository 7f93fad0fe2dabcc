// Types of build-web.mjs, for the TypeScript that imports it (the browser tests build the app first).

export const WEB_DIR: string;
export const FIRST_LOAD_BUDGET_BYTES: number;
export class WebBuildError extends Error {}
export function webSourceState(webDir?: string, vite?: string | null): string;
export function isWebBuildCurrent(webDir?: string): boolean;
export function firstLoadJs(webDir?: string): {
  files: { file: string; bytes: number; gzip: number }[];
  gzip: number;
};
export function ensureWebBuilt(options?: { webDir?: string; force?: boolean }): boolean;
