import type { AppContext } from '../services/app/app-context.js';
import { buildApp } from './app.js';

/**
 * The OpenAPI document of the app as built for this context, without listening: the typed client
 * (clients/api, npm run api:types) is generated from it, and a test checks that the committed one is current.
 */
export async function openApiDocument(ctx: AppContext): Promise<Record<string, unknown>> {
  const app = await buildApp(ctx);
  try {
    await app.ready();
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
  }
}
