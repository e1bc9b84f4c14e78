import { notFound, parseInput } from '@flowledger/shared';
import type { UseCaseOptions } from '@flowledger/shared';
import { Assignment } from '../entities/index.ts';
import { endAssignmentSchema } from '../domain/inputs.ts';
import { userError } from '../errors.ts';
import type { EndAssignmentInput } from '../generated/resolvers-types.ts';
import { assignmentFacts } from './assign-staff.ts';
import type { AssignmentResult } from './assign-staff.ts';
import { emitEvent } from './emit-event.ts';

/** Idempotent: ending an ended assignment returns it unchanged. The end date moves back to the given day (default today), never forward. */
export async function endAssignment(options: UseCaseOptions<EndAssignmentInput>): Promise<AssignmentResult> {
  const parsed = parseInput(endAssignmentSchema, options.input);
  if (!parsed.ok) return { assignment: null, userErrors: parsed.userErrors };
  const assignment = await options.em.findOne(Assignment, { id: parsed.data.id });
  if (!assignment) return { assignment: null, userErrors: notFound(['input', 'id'], 'assignment', parsed.data.id) };
  if (assignment.status === 'ENDED') return { assignment, userErrors: [] };
  const endDate = parsed.data.endDate ?? options.now.toISOString().slice(0, 10);
  if (endDate < assignment.startDate)
    return { assignment: null, userErrors: [userError(['input', 'endDate'], `must not be before the start date ${assignment.startDate}`, 'INVALID_INPUT')] };
  if (endDate < assignment.endDate) assignment.endDate = endDate;
  assignment.status = 'ENDED';
  assignment.endedAt = options.now;
  await emitEvent(options.em, assignment, 'Assignment', 'AssignmentEnded', { ...assignmentFacts(assignment), endedAt: options.now.toISOString() }, options.now);
  await options.em.flush();
  return { assignment, userErrors: [] };
}
