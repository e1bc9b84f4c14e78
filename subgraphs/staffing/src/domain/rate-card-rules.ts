import type { StaffingErrorCode } from '../errors.ts';

/**
 * Rate card versions: a DRAFT may be edited or published; a PUBLISHED version is immutable (a change
 * is a new version). The version in effect on a day is the published one with the latest
 * effectiveFrom on or before it. Verdicts carry the user-facing code. No I/O.
 */
export const VERSION_STATUSES = ['DRAFT', 'PUBLISHED'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

export type Verdict = { ok: true } | { ok: false; code: StaffingErrorCode; message: string };

export function mayEdit(version: { status: VersionStatus; version: number }): Verdict {
  return version.status === 'DRAFT'
    ? { ok: true }
    : { ok: false, code: 'RATE_CARD_VERSION_PUBLISHED', message: `version ${version.version} is published and cannot change: create a new version` };
}

export function mayPublish(version: { status: VersionStatus; version: number }, rateCount: number): Verdict {
  if (version.status === 'PUBLISHED') return { ok: false, code: 'RATE_CARD_VERSION_PUBLISHED', message: `version ${version.version} is already published` };
  if (rateCount === 0) return { ok: false, code: 'INVALID_INPUT', message: 'a version needs at least one role rate before it is published' };
  return { ok: true };
}

export function versionInEffect<V extends { status: VersionStatus; effectiveFrom: string }>(versions: readonly V[], day: string): V | null {
  let best: V | null = null;
  for (const v of versions) if (v.status === 'PUBLISHED' && v.effectiveFrom <= day && (!best || v.effectiveFrom > best.effectiveFrom)) best = v;
  return best;
}
