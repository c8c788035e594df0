import type { IncomingMessage } from 'node:http';
import type { Actor } from './actor';

export interface AuthenticatedRequest extends IncomingMessage {
  actor?: Actor;
}
