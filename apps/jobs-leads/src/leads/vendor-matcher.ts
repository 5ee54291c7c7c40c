import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { toArea, toDistrict, toOutcode } from 'postcode';

/** How far back "recent leads" reach when sharing work fairly. */
const ROTATION_WINDOW_DAYS = 30;

/**
 * Vendors who do this trade and cover this postcode (its area, district or outward code),
 * fewest recent leads first, so that work is shared; then the best rated.
 */
@Injectable()
export class VendorMatcher {
  async match(
    em: EntityManager,
    tradeCategory: string,
    postcode: string,
    limit: number,
  ): Promise<string[]> {
    const rows = await em.execute<{ vendor_id: string }[]>(
      `select p.vendor_id
       from jobs.vendor_profile p
       left join lateral (
         select count(*) as recent from jobs.lead l
         where l.vendor_id = p.vendor_id and l.offered_at > now() - make_interval(days => ?)
       ) r on true
       where ? = any(p.trade_categories) and p.service_areas && ?::text[]
       order by r.recent asc, p.rating desc nulls last, p.vendor_id
       limit ?`,
      [ROTATION_WINDOW_DAYS, tradeCategory, `{${coveringAreas(postcode).join(',')}}`, limit],
    );
    return rows.map((row) => row.vendor_id);
  }
}

/** SW1A 1AA lies in area SW, district SW1 and outward code SW1A; a vendor may name any of them. */
export function coveringAreas(postcode: string): string[] {
  const names = [toArea(postcode), toDistrict(postcode), toOutcode(postcode)];
  return [...new Set(names.filter((name): name is string => Boolean(name)))];
}
