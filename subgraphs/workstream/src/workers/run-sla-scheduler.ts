import type { Orm } from '@flowledger/shared';
import { inSystemScope, recordEvent } from '@flowledger/shared';
import { nextCheckAt, statusAt } from '../domain/sla.ts';
import type { SlaStatus } from '../domain/sla.ts';
import { uuidv7 } from '@flowledger/shared';
import { WORKSTREAM_SCHEMA } from '../use-cases/emit-event.ts';

interface DueClock {
  id: string;
  org_id: string;
  kind: string;
  subject_id: string;
  warn_at: Date;
  due_at: Date;
  status: SlaStatus;
  event_seq: number;
}

/** The claim of due clocks (parameters: now, batch size); exported so a test EXPLAINs this very statement. */
export const DUE_CLOCKS_SQL = `select id, org_id, kind, subject_id, warn_at, due_at, status, event_seq from workstream.sla_clock
       where next_check_at <= ? order by next_check_at limit ? for update skip locked`;

/**
 * One scheduler round. In its system scope it claims the clocks whose next change time has come —
 * through the partial index on next_check_at, never a scan of every clock — with FOR UPDATE SKIP
 * LOCKED, so two schedulers split the work instead of doing it twice. For each clock it then acts in
 * that clock's organisation: moves it to where it stands now, records SlaStatusChanged in the outbox
 * and, on BREACHED, the breach (once per item and rule, whatever runs twice).
 */
export async function runSlaScheduler(options: { orm: Orm; now: Date; batchSize?: number }): Promise<{ moved: number; breached: number }> {
  const { now } = options;
  return inSystemScope(options.orm, 'sla-scheduler', async (tx) => {
    const due = await tx.execute<DueClock[]>(DUE_CLOCKS_SQL, [now, options.batchSize ?? 500]);
    let moved = 0;
    let breached = 0;
    for (const clock of due) {
      const times = { warnAt: new Date(clock.warn_at), dueAt: new Date(clock.due_at) };
      const to = statusAt(times, now);
      await tx.execute(`select set_config('app.org_id', ?, true)`, [clock.org_id]);
      if (to === clock.status) {
        await tx.execute(`update workstream.sla_clock set next_check_at = ? where id = ?`, [nextCheckAt(times, to), clock.id]);
        continue;
      }
      const seq = clock.event_seq + 1;
      await tx.execute(`update workstream.sla_clock set status = ?, next_check_at = ?, event_seq = ?, updated_at = ? where id = ?`, [
        to,
        nextCheckAt(times, to),
        seq,
        now,
        clock.id,
      ]);
      await recordEvent(tx, WORKSTREAM_SCHEMA, {
        orgId: clock.org_id,
        type: 'SlaStatusChanged',
        aggregateType: 'SlaClock',
        aggregateId: clock.id,
        seq,
        occurredAt: now,
        payload: {
          clockId: clock.id,
          kind: clock.kind,
          subjectId: clock.subject_id,
          from: clock.status,
          to,
          dueAt: times.dueAt.toISOString(),
          at: now.toISOString(),
        },
      });
      moved++;
      if (to === 'BREACHED') {
        const inserted = await tx.execute<{ id: string }[]>(
          `insert into workstream.sla_breach (id, org_id, clock_id, kind, subject_id, breached_at) values (?, ?, ?, ?, ?, ?)
           on conflict (org_id, subject_id, kind) do nothing returning id`,
          [uuidv7(), clock.org_id, clock.id, clock.kind, clock.subject_id, now],
        );
        breached += inserted.length;
      }
    }
    return { moved, breached };
  });
}
