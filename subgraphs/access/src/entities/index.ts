import type { InferEntity } from '@mikro-orm/core';
import { ApiKey } from './api-key.ts';
import { Membership } from './membership.ts';
import { ApqDocument, PersistedOperation } from './persisted-operation.ts';
import { Organization } from './organization.ts';
import { User } from './user.ts';

export { ApiKey, ApqDocument, Membership, Organization, PersistedOperation, User };
export const entities = [Organization, User, Membership, ApiKey, PersistedOperation, ApqDocument];
export type OrganizationRow = InferEntity<typeof Organization>;
export type UserRow = InferEntity<typeof User>;
export type ApiKeyRow = InferEntity<typeof ApiKey>;
export type PersistedOperationRow = InferEntity<typeof PersistedOperation>;
