import { Actor, STAFF_ROLES } from '@hearth/auth';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { GatewayConfig } from '../config';
import { GATEWAY_CONFIG } from '../gateway.tokens';
import { serviceUrls } from '../proxy/service-routes';
import type { LiveAudience, LiveNotice } from './live-updates';

const CHECK_TIMEOUT_MS = 5_000;

/**
 * Who may receive which live notice. Staff receive every one. A landlord receives the events of
 * their own flats (the event names the flat's landlord). A caseworker receives the events of the
 * offers they may see, which is the matching service's rule (a household on their caseload): the
 * gateway asks matching for the offer with the caseworker's own token, so the caseload is decided
 * where it is kept, not copied here. Anyone else, and anything that cannot be checked, receives nothing.
 */
@Injectable()
export class LiveAudiences {
  private readonly logger = new Logger('LiveAudiences');
  private readonly matchingUrl: string;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.matchingUrl = serviceUrls(config).matching.replace(/\/$/, '');
  }

  /** The roles that may follow the stream at all. */
  static readonly ROLES = [...STAFF_ROLES, 'landlord', 'caseworker'] as const;

  async mayReceive(actor: Actor, token: string, notice: LiveNotice, audience: LiveAudience): Promise<boolean> {
    if ((STAFF_ROLES as readonly string[]).includes(actor.role)) return true;
    if (actor.role === 'landlord') return notice.type.startsWith('Unit') && audience.landlordId !== undefined && audience.landlordId === actor.landlordId;
    if (actor.role === 'caseworker') return notice.type.startsWith('Offer') && notice.offerId !== undefined && this.caseworkerSees(token, notice.offerId);
    return false;
  }

  private async caseworkerSees(token: string, offerId: string): Promise<boolean> {
    try {
      const response = await fetch(`${this.matchingUrl}/offers/${encodeURIComponent(offerId)}`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' }, signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
      await response.body?.cancel();
      if (response.ok) return true;
      if (response.status !== 404) this.logger.warn({ offerId, status: response.status }, 'live notice withheld: matching did not say whose offer it is');
      return false;
    } catch (error) {
      this.logger.warn({ offerId, err: error }, 'live notice withheld: matching could not be asked whose offer it is');
      return false;
    }
  }
}
