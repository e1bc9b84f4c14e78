import { Membership } from './membership.ts';
import { Organization } from './organization.ts';
import { User } from './user.ts';

export { Membership, Organization, User };
export const entities = [Organization, User, Membership];
