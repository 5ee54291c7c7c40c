import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { coveringAreas } from './covering-areas.js';

/** How far back "recent leads" reach when sharing work fairly. */
const ROTATION_WINDOW_DAYS = 30;

/**
 * Vendors who do this trade and cover this postcode (its area, district or outward code),
 * fewest recent leads first, so that work is shared; then the best rated.
 */
@Injectable()
export class VendorMatchRepository {
  constructor(private readonly em: EntityManager) {}

  async match(
    tradeCategory: string,
    postcode: string,
    limit: number,
    now: Date,
  ): Promise<string[]> {
    const rows = await this.em.execute<{ vendor_id: string }[]>(
      `select p.vendor_id
       from jobs.vendor_profile p
       left join lateral (
         select count(*) as recent from jobs.lead l
         where l.vendor_id = p.vendor_id and l.offered_at > ?::timestamptz - make_interval(days => ?)
       ) r on true
       where ? = any(p.trade_categories) and p.service_areas && ?::text[]
       order by r.recent asc, p.rating desc nulls last, p.vendor_id
       limit ?`,
      [
        now.toISOString(),
        ROTATION_WINDOW_DAYS,
        tradeCategory,
        `{${coveringAreas(postcode).join(',')}}`,
        limit,
      ],
    );
    return rows.map((row) => row.vendor_id);
  }
}
