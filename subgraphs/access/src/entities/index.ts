import type { InferEntity } from '@mikro-orm/core';
import { ApiKey } from './api-key.ts';
import { Membership } from './membership.ts';
import { Organization } from './organization.ts';
import { User } from './user.ts';

export { ApiKey, Membership, Organization, User };
export const entities = [Organization, User, Membership, ApiKey];
export type OrganizationRow = InferEntity<typeof Organization>;
export type UserRow = InferEntity<typeof User>;
export type ApiKeyRow = InferEntity<typeof ApiKey>;
