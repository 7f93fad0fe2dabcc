/**
 * Where to go after signing in when another screen sent the user here (`/staff/?next=/monitor/`): only the
 * monitoring room, on this server, is a place to return to; anything else (another host, `//evil`, a script URL)
 * is ignored, so the sign-in page cannot be made to redirect anywhere else.
 */
export function returnPathAfterSignIn(search: string): string | null {
  const next = new URLSearchParams(search).get('next');
  return next !== null && /^\/monitor\/?$/.test(next) ? '/monitor/' : null;
}
