import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the SMS gateway's Messages API (Twilio's documented format): it records what Sigap sends;
 * a call to another path or with other credentials is recorded as unexpected. `state.failNext` refuses that many
 * sends with a 503 first.
 */
export async function fakeSmsGateway(account: string, token: string) {
  const sent: Array<{ to: string; from: string; body: string }> = [];
  const unexpected: string[] = [];
  const state = { failNext: 0, failed: 0 };
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => {
      const expectedAuth = `Basic ${Buffer.from(`${account}:${token}`).toString('base64')}`;
      if (
        req.method !== 'POST' ||
        req.url !== `/2010-04-01/Accounts/${account}/Messages.json` ||
        req.headers.authorization !== expectedAuth
      ) {
        unexpected.push(`${req.method} ${req.url}`);
        res.writeHead(404).end();
        return;
      }
      if (state.failNext > 0) {
        state.failNext--;
        state.failed++;
        res.writeHead(503).end();
        return;
      }
      const form = new URLSearchParams(data);
      sent.push({ to: form.get('To')!, from: form.get('From')!, body: form.get('Body')! });
      res
        .writeHead(201, { 'content-type': 'application/json' })
        .end(JSON.stringify({ sid: `SM${sent.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, sent, unexpected, state, close: () => new Promise<void>((r) => server.close(() => r())) };
}
