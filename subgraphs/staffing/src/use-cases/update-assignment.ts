import { lockKeys, notFound, parseInput } from '@flowledger/shared';
import type { UseCaseOptions } from '@flowledger/shared';
import { Assignment, StaffMember } from '../entities/index.ts';
import { updateAssignmentSchema } from '../domain/inputs.ts';
import { userError } from '../errors.ts';
import type { UpdateAssignmentInput } from '../generated/resolvers-types.ts';
import { assignmentFacts, hoursBeyondCapacity } from './assign-staff.ts';
import type { AssignmentResult } from './assign-staff.ts';
import { emitEvent, emitIfNewlyOverAllocated, figuresOf, staffKey } from './emit-event.ts';

/** Dates and allocation change; the rate snapshot stays as it was at creation (a trigger holds it too). */
export async function updateAssignment(options: UseCaseOptions<UpdateAssignmentInput>): Promise<AssignmentResult> {
  const parsed = parseInput(updateAssignmentSchema, options.input);
  if (!parsed.ok) return { assignment: null, userErrors: parsed.userErrors };
  const input = parsed.data;
  const assignment = await options.em.findOne(Assignment, { id: input.id });
  if (!assignment) return { assignment: null, userErrors: notFound(['input', 'id'], 'assignment', input.id) };
  if (assignment.status === 'ENDED') return { assignment: null, userErrors: [userError(['input', 'id'], 'this assignment has ended', 'ASSIGNMENT_ENDED')] };
  const startDate = input.startDate ?? assignment.startDate;
  const endDate = input.endDate ?? assignment.endDate;
  if (endDate < startDate)
    return {
      assignment: null,
      userErrors: [userError(['input', input.endDate ? 'endDate' : 'startDate'], `must not be after the end date ${endDate}`, 'INVALID_INPUT')],
    };
  const staff = (await options.em.findOne(StaffMember, { id: assignment.staffId }))!;
  const overCapacity = hoursBeyondCapacity(input.hoursPerWeek, staff.weeklyCapacityHours);
  if (overCapacity.length) return { assignment: null, userErrors: overCapacity };
  await lockKeys(options.em, [staffKey(options.org.orgId, staff.id)]);
  const window = { from: startDate < assignment.startDate ? startDate : assignment.startDate, to: endDate > assignment.endDate ? endDate : assignment.endDate };
  const before = await figuresOf(options.em, options.org.orgId, staff.id, window.from, window.to);
  assignment.startDate = startDate;
  assignment.endDate = endDate;
  if (input.allocationPercent) [assignment.allocationPercent, assignment.hoursPerWeek] = [input.allocationPercent, null];
  if (input.hoursPerWeek) [assignment.allocationPercent, assignment.hoursPerWeek] = [null, input.hoursPerWeek];
  // Billing's read model of rates needs the new dates: the same facts as at creation.
  await emitEvent(options.em, assignment, 'Assignment', 'AssignmentUpdated', assignmentFacts(assignment), options.now);
  await emitIfNewlyOverAllocated(options.em, staff, before, window, options.now);
  return { assignment, userErrors: [] };
}
