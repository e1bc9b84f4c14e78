import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventEnvelope } from '@flowledger/shared';
import { z } from 'zod';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const assignmentPayload = z.object({
  assignmentId: z.uuid(),
  staffId: z.uuid(),
  pursuitId: z.uuid().nullable(),
  engagementId: z.uuid().nullable(),
  role: z.string().min(1).max(50),
  startDate: day,
  endDate: day,
  billRate: z.string().regex(/^\d{1,10}(\.\d{1,4})?$/),
  currency: z.string().regex(/^[A-Z]{3}$/),
  rateCardVersionId: z.uuid(),
});

/**
 * staffing's AssignmentCreated / AssignmentUpdated / AssignmentEnded into billing's read model: the
 * snapshot and the dates as of the event. An event older than what is known (a lower seq, delivered
 * late) changes nothing; the snapshot is staffing's, frozen there at creation.
 */
export async function learnAssignment(em: EntityManager, event: EventEnvelope): Promise<void> {
  const a = assignmentPayload.parse(event.payload);
  await em.execute(
    `insert into billing.known_assignment
       (id, org_id, staff_id, engagement_id, pursuit_id, role, start_date, end_date, bill_rate, currency, rate_card_version_id, source_seq)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (id) do update set
       engagement_id = excluded.engagement_id, pursuit_id = excluded.pursuit_id, start_date = excluded.start_date,
       end_date = excluded.end_date, source_seq = excluded.source_seq, updated_at = now()
     where known_assignment.source_seq < excluded.source_seq`,
    [
      a.assignmentId,
      event.orgId,
      a.staffId,
      a.engagementId,
      a.pursuitId,
      a.role,
      a.startDate,
      a.endDate,
      a.billRate,
      a.currency,
      a.rateCardVersionId,
      event.seq,
    ],
  );
}
