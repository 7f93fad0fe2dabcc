import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../router';
import { Button, Notice } from '../../ui';

/** The end of a report: the ticket number, big, with ways to keep it. */
export function TicketDone({ ticket, onAnother }: { ticket: string; onAnother: () => void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const canShare = typeof navigator.share === 'function';
  const copy = () =>
    navigator.clipboard?.writeText(ticket).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  return (
    <div className="stack">
      <h1 tabIndex={-1}>{t('report.doneTitle')}</h1>
      <Notice kind="ok">
        <p>{t('report.doneTicket')}</p>
        <p className="ticket-number" data-testid="ticket">
          {ticket}
        </p>
        <p>{t('report.doneKeep')}</p>
      </Notice>
      <div className="btn-row">
        <Button variant="secondary" onClick={() => void copy()}>
          {t('report.copy')}
        </Button>
        {canShare && (
          <Button
            variant="secondary"
            onClick={() =>
              void navigator
                .share({ title: 'Sigap', text: t('report.shareText', { ticket }) })
                .catch(() => {})
            }
          >
            {t('report.share')}
          </Button>
        )}
      </div>
      <div role="status">{copied && <p>{t('report.copied')}</p>}</div>
      <div className="btn-row">
        <Link to={`/laporan/${ticket}`} className="btn">
          {t('report.viewReport')}
        </Link>
        <Button variant="secondary" onClick={onAnother}>
          {t('report.another')}
        </Button>
      </div>
    </div>
  );
}
