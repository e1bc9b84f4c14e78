import { Client } from './client.ts';
import { Contact } from './contact.ts';
import { Position } from './position.ts';

export { Client, Contact, Position };
export type { ClientRow } from './client.ts';
export type { ContactRow } from './contact.ts';
export type { PositionRow } from './position.ts';
export const entities = [Client, Contact, Position];
