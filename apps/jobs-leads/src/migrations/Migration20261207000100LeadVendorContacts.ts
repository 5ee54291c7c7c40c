import { Migration } from '@mikro-orm/migrations';

/**
 * The accepting vendor's contact name and email, kept on their lead at acceptance (from
 * identity, as the customer's are kept on the job at publish), for the job's customer. Nullable:
 * leads accepted before have none, and pods of the previous release accept without them during a
 * rollout.
 */
export class Migration20261207000100LeadVendorContacts extends Migration {
  override up(): void {
    this.addSql(`
      alter table lead
        add column vendor_contact_name text null
          check (char_length(vendor_contact_name) between 1 and 100),
        add column vendor_contact_email text null
          check (char_length(vendor_contact_email) between 3 and 254);`);
  }
}
