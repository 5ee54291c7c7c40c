import { Migration } from '@mikro-orm/migrations';

/**
 * One profile per vendor. The checks mirror the request contract and the normalisation in
 * `VendorProfile.details`, so that no other writer can store what the API would refuse. The
 * trade list is a copy of TRADE_CATEGORIES: a new trade needs a migration here too.
 */
export class Migration20261122000200VendorProfiles extends Migration {
  override up(): void {
    this.addSql(`
      create function text_array_is_distinct(items text[]) returns boolean
        language sql immutable as $$
          select count(distinct item) = count(*) from unnest(items) as item
        $$;`);
    this.addSql(`
      create function text_array_all_match(items text[], pattern text) returns boolean
        language sql immutable as $$
          select not exists (select from unnest(items) as item where item is null or item !~ pattern)
        $$;`);
    this.addSql(`
      create table vendor_profile (
        vendor_id uuid primary key,
        business_name text not null
          check (char_length(business_name) between 2 and 120 and business_name = btrim(business_name)),
        trade_categories text[] not null
          check (
            cardinality(trade_categories) between 1 and 12
            and text_array_is_distinct(trade_categories)
            and trade_categories <@ array[
              'Plumbing', 'Electrical', 'Carpentry', 'Painting & Decorating', 'Roofing', 'Plastering',
              'Tiling', 'Heating & Gas', 'Landscaping', 'Building', 'Locksmith', 'Cleaning'
            ]::text[]
          ),
        phone text not null check (phone ~ '^[+]44[0-9]{7,10}$'),
        postcode text not null check (postcode ~ '^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$'),
        service_areas text[] not null
          check (
            cardinality(service_areas) between 1 and 50
            and text_array_is_distinct(service_areas)
            and text_array_all_match(service_areas, '^[A-PR-UWYZ][A-HK-Y]?([0-9][A-Z0-9]?)?$')
          ),
        service_radius_miles integer not null check (service_radius_miles between 1 and 100),
        rating numeric(3, 2) null check (rating between 0 and 5),
        created_at timestamptz not null,
        updated_at timestamptz not null
      );`);
    // Matching asks "which vendors cover this trade and this area" with array containment.
    this.addSql(
      `create index vendor_profile_trade_categories_index on vendor_profile using gin (trade_categories);`,
    );
    this.addSql(
      `create index vendor_profile_service_areas_index on vendor_profile using gin (service_areas);`,
    );
  }
}
