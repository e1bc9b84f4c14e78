import { uuidv7, withPgClient } from '@flowledger/shared';

export interface BenchOrg {
  id: string;
  userId: string;
  pursuitIds: string[];
}

/**
 * The benchmark's organisations, written straight into the schemas as the owner (a fixture, not a
 * flow under test): each with an admin, a client and pursuits in QUALIFY ready to move.
 */
export async function createBenchFixture(ownerUrl: string, orgs: number, pursuitsPerOrg: number, clientsPerOrg = 0): Promise<BenchOrg[]> {
  const result: BenchOrg[] = [];
  await withPgClient(ownerUrl, async (client) => {
    await client.query('begin');
    for (let i = 0; i < orgs; i++) {
      const org: BenchOrg = { id: uuidv7(), userId: uuidv7(), pursuitIds: [] };
      const clientId = uuidv7();
      await client.query(`insert into access.organization (id, slug, name, base_currency) values ($1, $2, $3, 'EUR')`, [
        org.id,
        `bench-${i}-${org.id.slice(-6)}`,
        `Bench org ${i}`,
      ]);
      await client.query(`insert into access.app_user (id, email, name) values ($1, $2, $3)`, [
        org.userId,
        `admin-${org.userId}@bench.example`,
        `Bench admin ${i}`,
      ]);
      await client.query(`insert into access.membership (id, org_id, user_id, role) values ($1, $2, $3, 'ADMIN')`, [uuidv7(), org.id, org.userId]);
      await client.query(`insert into crm.client (id, org_id, name) values ($1, $2, $3)`, [clientId, org.id, `Bench client ${i}`]);
      // More clients, each with two contacts holding a position there: the CRM page's shape.
      for (let c = 0; c < clientsPerOrg; c++) {
        const more = uuidv7();
        await client.query(`insert into crm.client (id, org_id, name, domain) values ($1, $2, $3, $4)`, [
          more,
          org.id,
          `Client ${String(c).padStart(3, '0')}`,
          `c${c}.example`,
        ]);
        for (const title of ['CEO', 'CFO']) {
          const contact = uuidv7();
          await client.query(`insert into crm.contact (id, org_id, first_name, last_name, email) values ($1, $2, $3, $4, $5)`, [
            contact,
            org.id,
            title,
            `C${c}`,
            `${title.toLowerCase()}@c${c}.example`,
          ]);
          await client.query(`insert into crm.position (id, org_id, client_id, contact_id, title) values ($1, $2, $3, $4, $5)`, [
            uuidv7(),
            org.id,
            more,
            contact,
            title,
          ]);
        }
      }
      for (let j = 0; j < pursuitsPerOrg; j++) {
        const candidateId = uuidv7();
        const pursuitId = uuidv7();
        await client.query(`insert into workstream.candidate (id, org_id, status, title, client_id) values ($1, $2, 'PROMOTED', $3, $4)`, [
          candidateId,
          org.id,
          `Bench lead ${j}`,
          clientId,
        ]);
        await client.query(
          `insert into workstream.pursuit (id, org_id, candidate_id, name, stage, client_id, probability, owner_id, value_amount, value_currency) values ($1, $2, $3, $4, 'QUALIFY', $5, 10, $6, 1000.00, 'EUR')`,
          [pursuitId, org.id, candidateId, `Bench pursuit ${j}`, clientId, org.userId],
        );
        org.pursuitIds.push(pursuitId);
      }
      result.push(org);
    }
    await client.query('commit');
  });
  return result;
}
