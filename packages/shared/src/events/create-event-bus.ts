import type { Config } from '../config/schema.ts';
import type { Logger } from '../log.ts';
import type { EventBus } from './event-bus.ts';
import { createPgEventBus } from './pg-event-bus.ts';
import { createRedisEventBus } from './redis-event-bus.ts';

/** Redis when REDIS_URL is set (several gateways, high fan-out); PostgreSQL LISTEN/NOTIFY otherwise. */
export function createEventBus(options: { config: Pick<Config, 'REDIS_URL'>; databaseUrl: string; log: Logger }): EventBus {
  return options.config.REDIS_URL
    ? createRedisEventBus({ url: options.config.REDIS_URL, log: options.log })
    : createPgEventBus({ url: options.databaseUrl, log: options.log });
}
