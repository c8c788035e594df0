import { LandlordSnapshot, SYSTEM_ACTOR } from '@hearth/contracts';
import { newEvent, PublishesSnapshots, SnapshotSource } from '@hearth/messaging';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

interface LandlordRow {
  id: string;
  version: number;
  status: 'prospect' | 'active' | 'suspended' | 'offboarded';
  preferred_language: string;
  agreements: { agreementId: string; scheme: 'head_lease' | 'management_mandate' | 'direct_let'; startDate: string; endDate: string; guaranteedMonthlyRent: number }[];
}

/** Every landlord's status, preferred language (a code) and signed agreements, for consumers rebuilding their read models. */
@Injectable()
@PublishesSnapshots('Landlord')
export class LandlordSnapshots implements SnapshotSource {
  async page(manager: EntityManager, afterId: string | null, limit: number) {
    const rows: LandlordRow[] = await manager.query(
      `SELECT l.id, l.version, l.status, l.preferred_language,
              coalesce(json_agg(json_build_object('agreementId', a.id, 'scheme', a.scheme, 'startDate', a.start_date, 'endDate', a.end_date,
                                                  'guaranteedMonthlyRent', a.guaranteed_monthly_rent) ORDER BY a.id) FILTER (WHERE a.id IS NOT NULL), '[]') AS agreements
         FROM landlords l LEFT JOIN agreements a ON a.landlord_id = l.id AND a.status = 'signed'
        WHERE $1::uuid IS NULL OR l.id > $1::uuid
        GROUP BY l.id ORDER BY l.id LIMIT $2`,
      [afterId, limit],
    );
    if (rows.length === 0) return null;
    return {
      lastId: rows[rows.length - 1].id,
      events: rows.map((row) =>
        newEvent(LandlordSnapshot, {
          aggregateId: row.id,
          aggregateVersion: row.version,
          actor: SYSTEM_ACTOR,
          payload: { landlordId: row.id, status: row.status, preferredLanguage: row.preferred_language, signedAgreements: row.agreements.map((a) => ({ ...a, guaranteedMonthlyRent: Number(a.guaranteedMonthlyRent) })) },
        }),
      ),
    };
  }
}
