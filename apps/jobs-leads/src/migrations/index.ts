import { Migration20261201000000SagaInstances } from '#platform';
import { Migration20261122000100Jobs } from './Migration20261122000100Jobs.js';
import { Migration20261122000200VendorProfiles } from './Migration20261122000200VendorProfiles.js';
import { Migration20261122000300Leads } from './Migration20261122000300Leads.js';
import { Migration20261201000200AcceptanceSagas } from './Migration20261201000200AcceptanceSagas.js';
import { Migration20261201000400Quotes } from './Migration20261201000400Quotes.js';
import { Migration20261205000200JobDisputes } from './Migration20261205000200JobDisputes.js';
import { Migration20261206000100Reviews } from './Migration20261206000100Reviews.js';
import { Migration20261207000100LeadVendorContacts } from './Migration20261207000100LeadVendorContacts.js';

/** Oldest first. Applied migrations are never edited; changes go in a new one. */
export const jobsLeadsMigrations = [
  Migration20261122000100Jobs,
  Migration20261122000200VendorProfiles,
  Migration20261122000300Leads,
  Migration20261201000000SagaInstances,
  Migration20261201000200AcceptanceSagas,
  Migration20261201000400Quotes,
  Migration20261205000200JobDisputes,
  Migration20261206000100Reviews,
  Migration20261207000100LeadVendorContacts,
];
