import { createServer } from 'node:http';
import { createLogger, createResilientPool } from '@flowledger/shared';

/**
 * The peer of `npm run bench:tracking`: what Listmonk and Mautic do per hit — one INSERT, committed
 * on its own, before the pixel is answered — on the same database, table and token check skipped.
 */
// The kit's pool: a dropped connection is logged and replaced, never the end of the process.
const pool = createResilientPool({ url: process.env.PEER_DATABASE_URL!, max: 20, log: createLogger('tracking-peer', 'warn'), name: 'peer' });
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const orgId = process.env.PEER_ORG_ID!;
const messageId = process.env.PEER_MESSAGE_ID!;
createServer((req, res) => {
  pool
    .query(
      `insert into tracking.tracking_hit (id, org_id, message_id, kind, at, ip, user_agent, is_bot, machine, reasons, score)
       values (gen_random_uuid(), $1, $2, 'OPEN', now(), $3, $4, false, false, '{}', 0)`,
      [orgId, messageId, req.socket.remoteAddress ?? null, req.headers['user-agent'] ?? null],
    )
    .then(
      () => {
        res.writeHead(200, { 'content-type': 'image/gif' });
        res.end(GIF);
      },
      () => {
        res.writeHead(200, { 'content-type': 'image/gif' });
        res.end(GIF);
      },
    );
}).listen(Number(process.env.PEER_PORT), '127.0.0.1');
