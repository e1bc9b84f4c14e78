import type { InferEntity } from '@mikro-orm/core';
import { Membership } from './membership.ts';
import { Organization } from './organization.ts';
import { User } from './user.ts';

export { Membership, Organization, User };
export const entities = [Organization, User, Membership];
export type OrganizationRow = InferEntity<typeof Organization>;
export type UserRow = InferEntity<typeof User>;
