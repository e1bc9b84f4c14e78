import { Engagement, Milestone } from './engagement.ts';
import { KnownAssignment, TimeEntry } from './time-entry.ts';

export { Engagement, KnownAssignment, Milestone, TimeEntry };
export type { EngagementRow, MilestoneRow } from './engagement.ts';
export type { KnownAssignmentRow, TimeEntryRow } from './time-entry.ts';

export const entities = [Engagement, Milestone, TimeEntry, KnownAssignment];
