import { startEmbeddedPostgres } from '@flowledger/shared';

/**
 * The embedded PostgreSQL in a process of its own, started detached by `npm start` so that Ctrl-C in
 * the terminal (SIGINT to the whole foreground process group) does not reach the database while the
 * services still drain: `npm start` stops it last, by message. It also stops when its parent is gone.
 */
const dir = process.argv[2];
if (!dir || !process.send) {
  process.stderr.write('usage: started by npm start with an IPC channel and the data folder\n');
  process.exit(2);
}
const db = await startEmbeddedPostgres({ dir });
let stopping: Promise<void> | null = null;
const stop = () =>
  (stopping ??= db.stop().finally(() => {
    process.exit(0);
  }));
process.on('message', (message) => message === 'stop' && void stop());
process.on('disconnect', () => void stop());
process.removeAllListeners('SIGINT');
process.on('SIGINT', () => {}); // only the parent decides when the database stops
process.on('SIGTERM', () => void stop());
process.send({ url: db.url });
