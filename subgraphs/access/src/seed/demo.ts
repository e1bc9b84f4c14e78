import type { Role } from '@flowledger/shared';

interface DemoUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

interface DemoOrganization {
  id: string;
  slug: string;
  name: string;
  baseCurrency: string;
  users: DemoUser[];
}

/** The demo organisations and people, with fixed ids so tokens and docs stay valid across resets. */
export const DEMO = {
  acme: {
    id: '01938000-0000-7000-8000-00000000ac01',
    slug: 'acme',
    name: 'Acme Consulting',
    baseCurrency: 'EUR',
    users: [
      { id: '01938000-0000-7000-8000-0000000a0001', email: 'ada@acme.example', name: 'Ada Admin', role: 'ADMIN' },
      { id: '01938000-0000-7000-8000-0000000a0002', email: 'max@acme.example', name: 'Max Member', role: 'MEMBER' },
      { id: '01938000-0000-7000-8000-0000000a0003', email: 'vic@acme.example', name: 'Vic Viewer', role: 'VIEWER' },
    ],
  },
  globex: {
    id: '01938000-0000-7000-8000-00000000b101',
    slug: 'globex',
    name: 'Globex Advisory',
    baseCurrency: 'USD',
    users: [{ id: '01938000-0000-7000-8000-0000000b0001', email: 'gus@globex.example', name: 'Gus Globex', role: 'ADMIN' }],
  },
} satisfies Record<string, DemoOrganization>;

export type DemoOrgSlug = keyof typeof DEMO;

/** The seeded user holding `role` in the organisation, for minting development tokens. */
export function demoUser(slug: DemoOrgSlug, role: Role): DemoUser | undefined {
  return (DEMO[slug].users as DemoUser[]).find((user) => user.role === role);
}
