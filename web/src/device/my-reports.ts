/**
 * The reports filed from this device: ticket and citizen token, kept in localStorage. The token opens the
 * report's private view; it never leaves the device except to this server, in the Authorization header.
 */
export interface KeptReport {
  ticket: string;
  token: string;
  filedAt: string;
}

const KEY = 'sigap.myReports';

export function keptReports(): KeptReport[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed)
      ? parsed.filter(
          (r): r is KeptReport =>
            typeof r?.ticket === 'string' && typeof r?.token === 'string' && typeof r?.filedAt === 'string',
        )
      : [];
  } catch {
    return [];
  }
}

function save(reports: KeptReport[]) {
  try {
    localStorage.setItem(KEY, JSON.stringify(reports));
  } catch {
    // storage full or refused: the ticket screen still shows the number to copy
  }
}

export function keepReport(report: KeptReport) {
  save([report, ...keptReports().filter((r) => r.ticket !== report.ticket)]);
}

export function forgetReport(ticket: string) {
  save(keptReports().filter((r) => r.ticket !== ticket));
}

export const tokenFor = (ticket: string): string | null =>
  keptReports().find((r) => r.ticket === ticket)?.token ?? null;

/** Any token of this device: a new report sent with it joins the same "my reports" list on the server. */
export const anyToken = (): string | null => keptReports()[0]?.token ?? null;
