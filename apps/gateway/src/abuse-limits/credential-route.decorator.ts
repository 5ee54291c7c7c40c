import { SetMetadata } from '@nestjs/common';

export const CREDENTIAL_ROUTE = 'tradematch:credential-route';

/** The body field that names the account a credential route acts on. */
export type AccountField = 'email' | 'refresh_token';

/**
 * A route that takes credentials (register, login, refresh, logout): limited per client address
 * and per account, the account being named by `accountField` of the body.
 */
export const CredentialRoute = (accountField: AccountField): MethodDecorator =>
  SetMetadata(CREDENTIAL_ROUTE, accountField);
