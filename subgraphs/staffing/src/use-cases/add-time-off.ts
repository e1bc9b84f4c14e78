import { lockKeys, notFound, parseInput } from '@flowledger/shared';
import type { UseCaseOptions } from '@flowledger/shared';
import { StaffMember, TimeOff } from '../entities/index.ts';
import { addTimeOffSchema } from '../domain/inputs.ts';
import type { AddTimeOffInput } from '../generated/resolvers-types.ts';
import type { StaffMemberResult } from './create-staff-member.ts';
import { emitIfNewlyOverAllocated, figuresOf, staffKey } from './emit-event.ts';

/** Time off lowers capacity; if that leaves the person over-allocated, StaffOverAllocated. */
export async function addTimeOff(options: UseCaseOptions<AddTimeOffInput>): Promise<StaffMemberResult> {
  const parsed = parseInput(addTimeOffSchema, options.input);
  if (!parsed.ok) return { staffMember: null, userErrors: parsed.userErrors };
  const input = parsed.data;
  const staffMember = await options.em.findOne(StaffMember, { id: input.staffId });
  if (!staffMember) return { staffMember: null, userErrors: notFound(['input', 'staffId'], 'staff member', input.staffId) };
  await lockKeys(options.em, [staffKey(options.org.orgId, staffMember.id)]);
  const window = { from: input.startDate, to: input.endDate };
  const before = await figuresOf(options.em, options.org.orgId, staffMember.id, window.from, window.to);
  options.em.create(TimeOff, {
    orgId: options.org.orgId,
    staffId: staffMember.id,
    startDate: input.startDate,
    endDate: input.endDate,
    hoursPerDay: input.hoursPerDay ?? null,
    reason: input.reason ?? null,
  });
  await emitIfNewlyOverAllocated(options.em, staffMember, before, window, options.now);
  return { staffMember, userErrors: [] };
}
