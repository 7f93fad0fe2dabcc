import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as core from './migrations/0001-core.js';
import * as unitStatusQueue from './migrations/0002-unit-status-queue-index.js';
import * as evidenceIntegrity from './migrations/0003-evidence-integrity.js';
import * as duplicates from './migrations/0004-duplicates.js';
import * as labelledExamples from './migrations/0005-labelled-examples.js';
import * as reportWords from './migrations/0006-report-words.js';
import * as staffNotices from './migrations/0007-staff-notices.js';
import * as inboundMessages from './migrations/0008-inbound-messages.js';
import * as publicText from './migrations/0009-public-text.js';
import * as outboxJobs from './migrations/0010-outbox-jobs.js';
import * as auditChain from './migrations/0012-audit-chain.js';
import * as publicNotes from './migrations/0013-public-notes.js';
import * as publicFeedFilters from './migrations/0014-public-feed-filters.js';
import * as revealRequests from './migrations/0015-reveal-requests.js';
import * as labelledExampleRedacted from './migrations/0017-labelled-example-redacted.js';
import * as staffAccountAdmin from './migrations/0023-staff-account-admin.js';
import * as signInAndCitizenTokens from './migrations/0016-sign-in-and-citizen-tokens.js';
import * as pushSubscriptions from './migrations/0018-push-subscriptions.js';
import * as kpiRollupsAndLive from './migrations/0019-kpi-rollups-and-live.js';
import * as newsArticleIndex from './migrations/0024-news-article-index.js';
import * as monitorRole from './migrations/0025-monitor-role.js';

const MIGRATIONS: Record<string, Migration> = {
  '0001-core': core,
  '0002-unit-status-queue-index': unitStatusQueue,
  '0003-evidence-integrity': evidenceIntegrity,
  '0004-duplicates': duplicates,
  '0005-labelled-examples': labelledExamples,
  '0006-report-words': reportWords,
  '0007-staff-notices': staffNotices,
  '0008-inbound-messages': inboundMessages,
  '0009-public-text': publicText,
  '0010-outbox-jobs': outboxJobs,
  '0012-audit-chain': auditChain,
  '0013-public-notes': publicNotes,
  '0014-public-feed-filters': publicFeedFilters,
  '0015-reveal-requests': revealRequests,
  '0017-labelled-example-redacted': labelledExampleRedacted,
  '0023-staff-account-admin': staffAccountAdmin,
  '0016-sign-in-and-citizen-tokens': signInAndCitizenTokens,
  '0018-push-subscriptions': pushSubscriptions,
  '0019-kpi-rollups-and-live': kpiRollupsAndLive,
  '0024-news-article-index': newsArticleIndex,
  '0025-monitor-role': monitorRole,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Brings the schema up to the newest version; safe to run on every start. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const migrator = new Migrator({ db, provider, migrationTableName: 'sigap_migration' });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
