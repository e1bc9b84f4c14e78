import { createServer } from 'node:http';
import pg from 'pg';
import { createTokenVerifier, loadConfig, resolveSecrets } from '@flowledger/shared';

/**
 * The floor of `npm run bench:graph`: what a hand-written endpoint costs for Q2 (a page of pursuits
 * with their clients). node:http and pg, the same JWT check, the same application role under the
 * same row-level security, one SQL statement that builds the same JSON the graph answers.
 * Port from FLOOR_PORT.
 */
const config = loadConfig(process.env);
const secrets = resolveSecrets(config);
const verify = createTokenVerifier({ secret: secrets.jwtSecret, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
const pool = new pg.Pool({ connectionString: process.env.APP_DATABASE_URL, max: 20 });
pool.on('error', () => {});

const PAGE_SQL = `
  select json_build_object('data', json_build_object('pursuits', json_build_object('edges', coalesce(json_agg(json_build_object('node', json_build_object(
    'id', p.id, 'name', p.name, 'stage', p.stage,
    'value', case when p.value_amount is null then null else json_build_object('amount', p.value_amount::text, 'currency', p.value_currency) end,
    'client', case when c.id is null then null else json_build_object('name', c.name, 'domain', c.domain) end
  )) order by p.id desc), '[]'::json))))::text as body
  from (select * from workstream.pursuit order by id desc limit $1) p
  left join crm.client c on c.org_id = p.org_id and c.id = p.client_id`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', async () => {
    const client = await pool.connect();
    try {
      const claims = await verify(String(req.headers.authorization ?? '').replace(/^Bearer /, ''));
      const { variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { variables?: { first?: number } };
      if (!UUID.test(claims.org)) throw new Error('bad org');
      // The organisation is a checked UUID, so it may be written into the text of the first round trip.
      await client.query(`begin; select set_config('app.org_id', '${claims.org}', true)`);
      const { rows } = await client.query({ name: 'floor-page', text: PAGE_SQL, values: [variables?.first ?? 20] });
      await client.query('commit');
      res.writeHead(200, { 'content-type': 'application/json' }).end(rows[0].body);
    } catch {
      await client.query('rollback').catch(() => {});
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"errors":[{"message":"unauthenticated"}]}');
    } finally {
      client.release();
    }
  });
}).listen(Number(process.env.FLOOR_PORT), '127.0.0.1', () => process.stdout.write(`[floor] listening on ${process.env.FLOOR_PORT}\n`));
