import type { Status } from './statuses.js';

export type Visibility = 'visible' | 'hidden' | 'removed';
export type Clock = 'working' | 'calendar';

/** The current state of a report: always the fold of its events (see evolve.ts). */
export interface ReportState {
  id: string;
  ticket: string;
  status: Status;
  categoryCode: string;
  text: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
  kelurahanCode: string | null;
  channel: string;
  isPrivate: boolean;
  isAnonymous: boolean;
  visibility: Visibility;
  visibilityReason: string | null;
  citizenId: string | null;
  identityId: string | null;
  assignedUnitId: string;
  suggestedUnitId: string | null;
  escalatedUnitId: string | null;
  escalationLevel: number;
  slaClock: Clock;
  responseDueAt: Date;
  completionDueAt: Date;
  respondedAt: Date | null;
  resolvedAt: Date | null;
  nextEscalationAt: Date | null;
  ewsUntil: Date | null;
  rating: number | null;
  ratingComment: string | null;
  reopenCount: number;
  /** Set when an officer merged this report into another open report about the same problem. */
  mergedIntoId: string | null;
  eventCount: number;
  createdAt: Date;
  updatedAt: Date;
}

/** Deadlines a service computes with the city's calendar and hands to the event, so that evolve stays pure. */
export interface Schedule {
  responseDueAt?: Date;
  completionDueAt?: Date;
  nextEscalationAt?: Date | null;
}
